package org.atalaya.media.rtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out even RTP ports of the configured range, round robin so a just-released port is not
 * reused at once (late packets of the old call would land in the new one).
 *
 * <p>Threading: synchronized; called when endpoints open and close, never per packet.
 */
final class PortAllocator {
  private final InetAddress bind;
  private final int min;
  private final int max;
  private final Set<Integer> inUse = new HashSet<>();
  private int next;

  PortAllocator(InetAddress bind, int min, int max) {
    this.bind = bind;
    this.min = (min + 1) & ~1;
    this.max = max;
    this.next = this.min;
  }

  /** Binds a non-blocking channel on the next free even port. */
  synchronized DatagramChannel open() throws IOException {
    int slots = (max - min) / 2 + 1;
    for (int i = 0; i < slots; i++) {
      int port = next;
      next = next + 2 > max ? min : next + 2;
      if (inUse.contains(port)) {
        continue;
      }
      DatagramChannel ch = DatagramChannel.open(bind instanceof java.net.Inet6Address
          ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
      try {
        ch.bind(new InetSocketAddress(bind, port));
        ch.configureBlocking(false);
        inUse.add(port);
        return ch;
      } catch (IOException busy) {
        ch.close();
      }
    }
    throw new IOException("no free RTP port in " + min + "-" + max + " (" + inUse.size() + " in use)");
  }

  synchronized void release(int port) {
    inUse.remove(port);
  }

  synchronized int inUse() {
    return inUse.size();
  }
}

package org.atalaya.app.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/**
 * RTP ports for the fuzz campaign's sipp peers ({@code -mp P} binds P to P+3), taken in turn from
 * 30000-31999: below Linux's ephemeral range (32768-60999), where the fuzzer's own hundreds of
 * TCP connections take their local ports. A port from {@link NodeHarness#freePort} was free when
 * probed, and one run lost a real call to a TCP case that took it just before sipp bound it.
 */
final class SippMediaPorts {
  private static final int FIRST = 30000;
  private static final int LAST = 31996;
  private static int next = FIRST;

  private SippMediaPorts() {}

  /** An even port P with P to P+3 free for UDP on loopback right now. */
  static synchronized int next() throws IOException {
    for (int tries = 0; tries < (LAST - FIRST) / 4; tries++) {
      int p = next;
      next = next + 4 > LAST ? FIRST : next + 4;
      if (free(p)) {
        return p;
      }
    }
    throw new IOException("no four free UDP ports in " + FIRST + "-" + (LAST + 3));
  }

  private static boolean free(int p) {
    for (int i = 0; i < 4; i++) {
      try {
        new DatagramSocket(new InetSocketAddress("127.0.0.1", p + i)).close(); // free: bound and let go
      } catch (IOException taken) {
        return false;
      }
    }
    return true;
  }
}

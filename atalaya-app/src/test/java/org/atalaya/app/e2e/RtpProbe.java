package org.atalaya.app.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import org.atalaya.media.audio.G711;

/**
 * The test's own RTP receiver: what a party hears, decoded from G.711 to PCM so tones can be
 * checked. The party's SDP (written by sipp) points Atalaya at this port.
 *
 * <p>Threading: one virtual thread receives; {@link #pcm} and {@link #packets} may be read
 * from the test thread at any time.
 */
final class RtpProbe implements AutoCloseable {
  private final DatagramChannel channel;
  private final Thread reader;
  private short[] pcm = new short[8000 * 30];
  private int samples;
  private long packets;
  private int lastPayloadType = -1;

  RtpProbe() throws IOException {
    channel = DatagramChannel.open(StandardProtocolFamily.INET);
    channel.bind(new InetSocketAddress("127.0.0.1", 0));
    reader = Thread.ofVirtual().name("rtp-probe").start(this::run);
  }

  int port() throws IOException {
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  private void run() {
    ByteBuffer buf = ByteBuffer.allocate(2048);
    try {
      while (true) {
        buf.clear();
        channel.receive(buf);
        buf.flip();
        if (buf.remaining() < 12) {
          continue;
        }
        int cc = buf.get(0) & 0x0f;
        int pt = buf.get(1) & 0x7f;
        int headerLength = 12 + cc * 4;
        synchronized (this) {
          packets++;
          lastPayloadType = pt;
          if (pt != 0 && pt != 8) {
            continue; // telephone-event and others are not audio
          }
          for (int i = headerLength; i < buf.limit(); i++) {
            if (samples == pcm.length) {
              pcm = Arrays.copyOf(pcm, pcm.length * 2);
            }
            byte b = buf.get(i);
            pcm[samples++] = pt == 0 ? G711.ulawToLinear(b) : G711.alawToLinear(b);
          }
        }
      }
    } catch (IOException e) {
      // closed
    }
  }

  /** Forgets what was heard so far (the next {@link #pcm} starts from now). */
  synchronized void clear() {
    samples = 0;
  }

  synchronized short[] pcm() {
    return Arrays.copyOf(pcm, samples);
  }

  synchronized long packets() {
    return packets;
  }

  synchronized int lastPayloadType() {
    return lastPayloadType;
  }

  @Override
  public void close() throws IOException {
    channel.close();
    reader.interrupt();
  }
}

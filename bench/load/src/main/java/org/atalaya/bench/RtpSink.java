package org.atalaya.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;

/**
 * The far peer's ear: the port every bench call's SDP on one side points at, so Atalaya sends
 * that side's audio here. It counts packets and, per stream (Atalaya's sending port), the RTP
 * timestamp jumps that betray missing packets. Atalaya renumbers sequence numbers on relay but
 * keeps the sender's timestamp spacing, so a packet it dropped, or the kernel dropped on its
 * socket, shows here as a 160-sample jump too many.
 *
 * <p>One platform thread reads; the totals are written by it alone and read by the bench.
 */
final class RtpSink implements AutoCloseable {
  private final DatagramChannel channel;
  private final Thread reader;
  private final long[] lastTs = new long[65536];
  private volatile long packets;
  private volatile long lost;

  RtpSink(String name) throws IOException {
    channel = DatagramChannel.open();
    channel.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
    channel.bind(new InetSocketAddress("127.0.0.1", 0));
    reset();
    reader = Thread.ofPlatform().daemon().name("sink-" + name).start(this::read);
  }

  int port() {
    return ((InetSocketAddress) channel.socket().getLocalSocketAddress()).getPort();
  }

  /** Forgets the streams' last timestamps: ports are reused by the next level's calls. */
  void reset() {
    Arrays.fill(lastTs, -1);
  }

  /** Packets received so far. */
  long packets() {
    return packets;
  }

  /** Packets missing by timestamp so far. */
  long lost() {
    return lost;
  }

  private void read() {
    ByteBuffer buf = ByteBuffer.allocateDirect(2048);
    long n = 0;
    long gaps = 0;
    try {
      while (true) {
        buf.clear();
        InetSocketAddress from = (InetSocketAddress) channel.receive(buf);
        if (buf.position() < 12) {
          continue;
        }
        n++;
        long ts = buf.getInt(4) & 0xFFFFFFFFL;
        int port = from.getPort();
        long last = lastTs[port];
        if (last >= 0) {
          long jump = (ts - last) & 0xFFFFFFFFL;
          if (jump > 160 && jump < 160 * 1000 && jump % 160 == 0) {
            gaps += jump / 160 - 1;
            lost = gaps;
          }
        }
        if (last < 0 || ((ts - last) & 0xFFFFFFFFL) < 0x80000000L) {
          lastTs[port] = ts; // late or repeated packets do not move the stream backwards
        }
        packets = n;
      }
    } catch (ClosedChannelException closed) {
      // the bench is done
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}

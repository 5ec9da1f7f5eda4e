package org.atalaya.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * The far peer's ear: the port every bench call's SDP on one side points at, so Atalaya sends
 * that side's audio here. It counts packets and, per stream (Atalaya's sending port), the RTP
 * timestamp jumps that betray missing packets. Atalaya renumbers sequence numbers on relay but
 * keeps the sender's timestamp spacing, so a packet it dropped, or the kernel dropped on its
 * socket, shows here as a 160-sample jump too many. The count is {@link TimestampGaps}, the one
 * rtpengine's peers keep too: a packet that comes after a later one of its stream is reordered,
 * not lost (it takes back the loss its gap counted).
 *
 * <p>One platform thread reads; the counter and the totals are written by it alone, the totals
 * read by the bench, which asks it to {@link #reset()}.
 */
final class RtpSink implements AutoCloseable {
  private final DatagramChannel channel;
  private final Thread reader;
  private final TimestampGaps gaps = new TimestampGaps(65536); // by source port
  private volatile boolean resetAsked;
  private volatile long packets;
  private volatile long lost;

  RtpSink(String name) throws IOException {
    channel = DatagramChannel.open();
    channel.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
    channel.bind(new InetSocketAddress("127.0.0.1", 0));
    reader = Thread.ofPlatform().daemon().name("sink-" + name).start(this::read);
  }

  int port() {
    return ((InetSocketAddress) channel.socket().getLocalSocketAddress()).getPort();
  }

  /** Forgets the streams' last timestamps: ports are reused by the next level's calls. */
  void reset() {
    resetAsked = true; // done by the reader, before the next packet: the counter is its alone
  }

  /** Packets received so far. */
  long packets() {
    return packets;
  }

  /** Packets missing by timestamp so far (the gaps, less the late packets that filled them). */
  long lost() {
    return lost;
  }

  private void read() {
    ByteBuffer buf = ByteBuffer.allocateDirect(2048);
    long n = 0;
    try {
      while (true) {
        buf.clear();
        InetSocketAddress from = (InetSocketAddress) channel.receive(buf);
        if (buf.position() < 12) {
          continue;
        }
        n++;
        if (resetAsked) {
          resetAsked = false;
          gaps.reset();
        }
        gaps.packet(from.getPort(), buf.getInt(4));
        if (gaps.lost() != lost) {
          lost = gaps.lost();
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

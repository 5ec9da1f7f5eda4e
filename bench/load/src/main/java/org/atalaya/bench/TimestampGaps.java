package org.atalaya.bench;

import java.util.Arrays;

/**
 * Packets missing from 20 ms G.711 streams, told by their RTP timestamps, counted the same way
 * for both relays' streams ({@link RtpSink} for Atalaya's, rtpengine's peers for rtpengine's) so
 * their losses compare. Each packet moves its stream's timestamp 160 samples on, so a forward jump
 * of k * 160 (1 < k < 1000) means k - 1 packets missing. A packet behind its stream's last
 * timestamp (by less than 1000 packets) is a late one, overtaken by a later packet of its stream:
 * it was counted lost when that later one came, and it is not, so it takes one loss back and
 * counts as reordered; the stream's last timestamp does not move back. A repeated timestamp
 * counts nothing. Jumps that are not whole packets are not read as gaps: forward they move the
 * stream on, backward they count nothing. Neither are jumps of 1000 packets (20 s) or more.
 *
 * <p>Timestamps wrap at 32 bits, as RTP's do. Streams are numbered 0..n-1 by the caller (a source
 * port, an endpoint index). Confined to the thread that reads the packets: no synchronization.
 */
public final class TimestampGaps {
  private static final int SAMPLES_PER_PACKET = 160;
  private static final int MAX_PACKETS = 1000;

  private final int[] lastTs;
  private final boolean[] seen;
  private long lost;
  private long reordered;

  /** Counts for streams 0..{@code streams - 1}. */
  public TimestampGaps(int streams) {
    lastTs = new int[streams];
    seen = new boolean[streams];
  }

  /** Counts a packet of {@code stream} with RTP timestamp {@code ts}. */
  public void packet(int stream, int ts) {
    if (!seen[stream]) {
      seen[stream] = true;
      lastTs[stream] = ts;
      return;
    }
    int jump = ts - lastTs[stream]; // wraps like RTP timestamps do
    boolean wholePackets = jump % SAMPLES_PER_PACKET == 0;
    if (jump > 0) {
      int packets = jump / SAMPLES_PER_PACKET;
      if (wholePackets && packets > 1 && packets < MAX_PACKETS) {
        lost += packets - 1;
      }
      lastTs[stream] = ts;
    } else if (jump < 0 && jump > -MAX_PACKETS * SAMPLES_PER_PACKET && wholePackets) {
      lost--;
      reordered++;
    }
  }

  /** Forgets every stream's last timestamp (a reused port starts a new stream); the counts stay. */
  public void reset() {
    Arrays.fill(seen, false);
  }

  /** Packets missing so far: gaps, less the late packets that filled them. */
  public long lost() {
    return lost;
  }

  /** Packets so far that came after a later one of their stream. */
  public long reordered() {
    return reordered;
  }
}

package org.atalaya.bench.rtpengine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.atalaya.bench.ToneFile;

/**
 * The sending side of {@link RtpStreams}: one packet from each endpoint every 20 ms, G.711 µ-law
 * (even endpoints, the A sides, a 440 Hz tone, odd ones 1000 Hz), the first 8 payload bytes
 * carrying its {@link System#nanoTime()} just before the send. It allocates nothing per packet.
 *
 * <p>The streams' sequence numbers, timestamps and tone positions are the sender thread's alone;
 * its counters are volatile, written by it only and read by the receiver's snapshots.
 */
final class RtpSender {
  private static final int SAMPLES_PER_PACKET = 160;
  static final int HEADER = 12;
  /** Every packet's size, which the receiver tells our RTP by. */
  static final int PACKET = HEADER + SAMPLES_PER_PACKET;

  private static final long PERIOD_NANOS = 20_000_000L;
  private static final int FRAMES_PER_TONE = 50; // one second: 440 and 1000 Hz both fit whole cycles
  /**
   * The sender spreads each 20 ms tick's packets over this many slices (200 µs apart), so that
   * packets reach the relay about as evenly as those of independent phones (and sipp's many
   * rtp_stream threads, which drive Atalaya) do. One burst per tick would queue behind itself and
   * make the delay figures the burst's; bursts every 2 ms, as this had first, let the relay read
   * a hundred packets per wake-up at 1,000 calls, a batching that Atalaya's sipp-driven streams
   * never offer, and so made rtpengine's CPU per packet look lower than on a like-for-like load.
   */
  private static final int SLICES = 100;
  /** Missed ticks the sender catches up with back to back; beyond that, sends are skipped. */
  private static final int MAX_CATCH_UP_TICKS = 2;

  private static final byte[] TONE_A = ToneFile.tone(440, FRAMES_PER_TONE * SAMPLES_PER_PACKET);
  private static final byte[] TONE_B = ToneFile.tone(1000, FRAMES_PER_TONE * SAMPLES_PER_PACKET);

  private final DatagramChannel[] channels;
  private final BooleanSupplier running;
  private final int[] ssrc;
  private final int[] seq;
  private final int[] timestamp;
  private final int[] frame;

  // sender-thread state, read by others
  private volatile long sent;
  private volatile long sendFailures;
  private volatile long skippedPackets;

  /**
   * Sends from each of {@code channels} (connected before {@link #sendLoop()} starts) with the
   * SSRC at the same index, random first sequence numbers and timestamps, while {@code running}.
   */
  RtpSender(DatagramChannel[] channels, int[] ssrc, BooleanSupplier running) {
    int n = channels.length;
    this.channels = channels;
    this.running = running;
    this.ssrc = ssrc;
    seq = new int[n];
    timestamp = new int[n];
    frame = new int[n];
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < n; i++) {
      seq[i] = random.nextInt(1 << 16);
      timestamp[i] = random.nextInt();
    }
  }

  /** Packets sent to rtpengine. */
  long sent() {
    return sent;
  }

  /** Packets that could not be sent (socket buffer full, ICMP errors). */
  long sendFailures() {
    return sendFailures;
  }

  /** Packets skipped because the sender was more than {@link #MAX_CATCH_UP_TICKS} ticks late. */
  long skippedPackets() {
    return skippedPackets;
  }

  /** The sender thread's body: paces the sends until {@code running} turns false. */
  void sendLoop() {
    ByteBuffer buf = ByteBuffer.allocateDirect(PACKET);
    int n = channels.length;
    int slices = Math.min(SLICES, n);
    long slicePeriod = PERIOD_NANOS / slices;
    long maxBehind = (long) MAX_CATCH_UP_TICKS * slices;
    int slice = 0;
    long next = System.nanoTime();
    while (running.getAsBoolean()) {
      long now = System.nanoTime();
      if (now < next) {
        LockSupport.parkNanos(next - now);
        continue;
      }
      long behind = (now - next) / slicePeriod;
      if (behind > maxBehind) {
        // Too far behind to catch up without a burst: skip the missed slices. Their streams' RTP
        // timestamps do not advance, so the receivers see late packets, not lost ones.
        long skipped = 0;
        for (long k = 0; k < behind; k++) {
          skipped += (long) (slice + 1) * n / slices - (long) slice * n / slices;
          slice = slice + 1 == slices ? 0 : slice + 1;
        }
        skippedPackets += skipped;
        next += behind * slicePeriod;
      }
      sendRange(buf, (int) ((long) slice * n / slices), (int) ((long) (slice + 1) * n / slices));
      slice = slice + 1 == slices ? 0 : slice + 1;
      next += slicePeriod;
    }
  }

  private void sendRange(ByteBuffer buf, int from, int to) {
    long ok = 0;
    long failed = 0;
    for (int i = from; i < to; i++) {
      byte[] tone = (i & 1) == 0 ? TONE_A : TONE_B;
      int f = frame[i];
      buf.clear();
      buf.put(0, (byte) 0x80); // V=2, no padding, extension or CSRC
      buf.put(1, (byte) 0); // no marker, PT 0 (PCMU)
      buf.putShort(2, (short) seq[i]);
      buf.putInt(4, timestamp[i]);
      buf.putInt(8, ssrc[i]);
      buf.put(HEADER + 8, tone, f * SAMPLES_PER_PACKET + 8, SAMPLES_PER_PACKET - 8);
      buf.putLong(HEADER, System.nanoTime());
      int written;
      try {
        written = channels[i].write(buf);
      } catch (IOException e) { // PortUnreachable (an ICMP from a closed port), mostly
        written = 0;
      }
      if (written == PACKET) {
        seq[i] = (seq[i] + 1) & 0xffff;
        timestamp[i] += SAMPLES_PER_PACKET;
        frame[i] = f + 1 == FRAMES_PER_TONE ? 0 : f + 1;
        ok++;
      } else {
        failed++; // the socket's send buffer is full: this packet was not sent and leaves no gap
      }
    }
    sent += ok;
    if (failed != 0) {
      sendFailures += failed;
    }
  }
}

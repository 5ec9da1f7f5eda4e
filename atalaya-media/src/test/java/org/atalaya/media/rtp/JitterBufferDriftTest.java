package org.atalaya.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.atalaya.media.Codec;
import org.atalaya.media.audio.G711;
import org.junit.jupiter.api.Test;

/**
 * Ten simulated minutes of two legs through their jitter buffers, driven tick by tick with no
 * sleeping: packets arrive with jitter, some are lost, some reordered, and one sender's clock
 * runs 100 ppm fast. Both legs carry a click at the same sending instants; the recorded clicks
 * must stay within 20 ms of each other, so the stereo channels never drift apart.
 */
class JitterBufferDriftTest {
  private static final int TICKS = 10 * 60 * 50; // ten minutes of 20 ms ticks
  private static final int CLICK_EVERY = 50 * 30; // a click every 30 s

  @Test
  void tenMinuteCallsChannelsStayWithin20Ms() {
    Random random = new Random(42);
    JitterBuffer left = new JitterBuffer();
    JitterBuffer right = new JitterBuffer();
    Leg a = new Leg(left, 0, 1.0, random);
    Leg b = new Leg(right, 77_000, 1.0001, random); // 100 ppm fast sender clock
    List<Integer> leftClicks = new ArrayList<>();
    List<Integer> rightClicks = new ArrayList<>();
    for (long tick = 1; tick <= TICKS; tick++) {
      a.deliverUpTo(tick);
      b.deliverUpTo(tick);
      find(left.take(tick), tick, leftClicks);
      find(right.take(tick), tick, rightClicks);
    }
    assertThat(leftClicks).hasSizeGreaterThanOrEqualTo(TICKS / CLICK_EVERY - 1);
    assertThat(rightClicks).hasSameSizeAs(leftClicks);
    for (int i = 0; i < leftClicks.size(); i++) {
      int offsetMs = Math.abs(leftClicks.get(i) - rightClicks.get(i)) / 8;
      assertThat(offsetMs).as("click %d offset between channels", i).isLessThan(20);
    }
    assertThat(left.late + right.late).as("some packets were late and dropped").isPositive();
  }

  /** Records the sample position (in 8 kHz samples) of a click within a frame. */
  private static void find(short[] frame, long tick, List<Integer> clicks) {
    if (frame == null) {
      return;
    }
    for (int i = 0; i < 160; i++) {
      if (frame[i] > 20000) {
        clicks.add((int) (tick * 160 + i));
        return;
      }
    }
  }

  /** One sender: 20 ms packets whose arrival tick has jitter, 1 % loss and some reordering. */
  private static final class Leg {
    final JitterBuffer buffer;
    final long ts0;
    final double rate;
    final Random random;
    final List<long[]> inFlight = new ArrayList<>(); // {arrivalTick, seq}
    long nextSeq;

    Leg(JitterBuffer buffer, long ts0, double rate, Random random) {
      this.buffer = buffer;
      this.ts0 = ts0;
      this.rate = rate;
      this.random = random;
    }

    /**
     * Where in packet {@code seq} the click sits, or -1. Clicks are sent at the same wall-clock
     * instant on both legs: the sender's sample counter runs at its own rate, so the click's
     * sample index scales with it.
     */
    int clickOffset(long seq) {
      for (long k = 1; k * CLICK_EVERY <= TICKS; k++) {
        long sample = Math.round(k * CLICK_EVERY * 160 * rate) + 40;
        if (sample / 160 == seq) {
          return (int) (sample % 160);
        }
      }
      return -1;
    }

    void deliverUpTo(long tick) {
      // Packets are produced by the sender's clock (rate) and arrive 0-60 ms later, one in
      // fifty 120 ms later (too late for its slot).
      while (nextSeq / rate <= tick) {
        // Click packets are never lost or too late: the test measures where they land.
        boolean click = clickOffset(nextSeq) >= 0;
        if (click || random.nextInt(100) != 0) {
          int delay = !click && random.nextInt(50) == 0 ? 6 : random.nextInt(4);
          long arrival = (long) Math.floor(nextSeq / rate) + delay;
          inFlight.add(new long[] {arrival, nextSeq});
        }
        nextSeq++;
      }
      inFlight.sort((x, y) -> Long.compare(x[0], y[0]));
      while (!inFlight.isEmpty() && inFlight.getFirst()[0] <= tick) {
        long seq = inFlight.removeFirst()[1];
        byte[] payload = new byte[160];
        java.util.Arrays.fill(payload, G711.linearToUlaw((short) 0));
        int at = clickOffset(seq);
        if (at >= 0) {
          payload[at] = G711.linearToUlaw((short) 30000);
        }
        // Read during this tick, before the tick is played.
        buffer.put(0x1111, (ts0 + seq * 160) & 0xFFFFFFFFL, Codec.PCMU, payload, 0, 160, tick, tick - 1);
      }
    }
  }
}

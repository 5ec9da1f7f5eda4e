package org.atalaya.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.atalaya.media.Codec;
import org.atalaya.media.audio.G711;
import org.junit.jupiter.api.Test;

/**
 * The media loop stalls (a busy host): for a while it neither reads nor plays, then reads the
 * packets that queued up and plays the overdue ticks one by one. The recording may lose the
 * stall, never more: found by the load bench, where a 200 ms stall once cost eight seconds of a
 * customer's audio, because the packets read during the catch-up were stamped with the stale
 * tick, looked early, and dragged the mapping earlier so that every packet after them was late.
 */
class JitterBufferStallTest {
  @Test
  void aStallCostsAtMostTheStalledTicks() {
    JitterBuffer buffer = new JitterBuffer();
    byte[] payload = new byte[160];
    Arrays.fill(payload, G711.linearToUlaw((short) 8000));
    int stallFrom = 500;
    int stallTicks = 10;
    long played = 0;
    int silent = 0;
    int silentAfterStall = 0;
    for (int wall = 1; wall <= 1500; wall++) {
      // One packet per 20 ms, frame n sent at wall tick n, read when the loop runs.
      boolean stalled = wall >= stallFrom && wall < stallFrom + stallTicks;
      if (stalled) {
        continue;
      }
      int firstUnread = wall == stallFrom + stallTicks ? stallFrom : wall;
      for (int seq = firstUnread; seq <= wall; seq++) {
        buffer.put(0x2222, seq * 160L, Codec.PCMU, payload, 0, 160, wall, played);
      }
      // Then the loop plays every overdue tick, up to the wall clock's.
      while (played < wall) {
        played++;
        if (buffer.take(played) == null && played > 5) {
          silent++;
          if (played > stallFrom + stallTicks + JitterBuffer.DELAY_TICKS) {
            silentAfterStall++;
          }
        }
      }
    }
    assertThat(silentAfterStall).as("silent frames once the loop caught up").isZero();
    assertThat(silent).as("silent frames in all").isLessThanOrEqualTo(stallTicks);
  }
}

package org.atalaya.media.rtp;

import java.util.Arrays;
import org.atalaya.media.Codec;
import org.atalaya.media.audio.G711;

/**
 * Places a leg's received audio on the media clock for the recorder: each 20 ms frame goes into
 * the slot of the tick its RTP timestamp maps to (relative to an anchor taken at the first
 * packet, plus a playout delay), so a lost or late packet becomes silence in its own slot and
 * the two channels of a recording stay aligned to wall clock.
 *
 * <p>Threading: confined to the owning media loop.
 */
final class JitterBuffer {
  static final int SLOTS = 32;
  static final int DELAY_TICKS = 3;
  private static final int MAX_AHEAD = DELAY_TICKS + 4;

  private final short[][] frames = new short[SLOTS][160];
  private final long[] slotTick = new long[SLOTS];
  private boolean anchored;
  private long anchorTimestamp;
  private long anchorTick;
  private long ssrc;
  private int aheadRun;
  long late;
  long reanchors;

  JitterBuffer() {
    Arrays.fill(slotTick, -1);
  }

  /** Adds one packet's G.711 payload received during tick {@code now}. */
  void put(long packetSsrc, long timestamp, Codec codec, byte[] payload, int offset, int length, long now) {
    if (!anchored || packetSsrc != ssrc) {
      anchor(packetSsrc, timestamp, now);
    }
    long tick = tickOf(timestamp);
    if (tick < now || tick > now + SLOTS - 2) {
      // Late beyond the playout delay, or a timestamp jump (hold, new stream): follow the sender.
      if (tick < now) {
        late++;
      }
      anchor(packetSsrc, timestamp, now);
      tick = tickOf(timestamp);
    } else if (tick > now + MAX_AHEAD) {
      // Consistently early means the sender's clock runs fast or the anchor packet was delayed:
      // re-anchor after a run of such packets rather than on one burst.
      if (++aheadRun > 25) {
        anchor(packetSsrc, timestamp, now);
        tick = tickOf(timestamp);
      }
    } else {
      aheadRun = 0;
    }
    for (int done = 0; done < length; done += 160, tick++) {
      int idx = (int) (tick % SLOTS);
      short[] f = frames[idx];
      int n = Math.min(160, length - done);
      for (int i = 0; i < n; i++) {
        byte b = payload[offset + done + i];
        f[i] = codec == Codec.PCMU ? G711.ulawToLinear(b) : G711.alawToLinear(b);
      }
      Arrays.fill(f, n, 160, (short) 0);
      slotTick[idx] = tick;
    }
  }

  /** The frame due at {@code tick}, or null for silence. */
  short[] take(long tick) {
    int idx = (int) (tick % SLOTS);
    return slotTick[idx] == tick ? frames[idx] : null;
  }

  private long tickOf(long timestamp) {
    int diff = (int) (timestamp - anchorTimestamp); // wraps correctly at 2^32
    return anchorTick + Math.floorDiv(diff, 160) + DELAY_TICKS;
  }

  private void anchor(long packetSsrc, long timestamp, long now) {
    if (anchored) {
      reanchors++;
    }
    anchored = true;
    ssrc = packetSsrc;
    anchorTimestamp = timestamp;
    anchorTick = now;
    aheadRun = 0;
  }
}

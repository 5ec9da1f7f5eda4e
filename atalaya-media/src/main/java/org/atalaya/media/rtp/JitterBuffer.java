package org.atalaya.media.rtp;

import java.util.Arrays;
import org.atalaya.media.Codec;
import org.atalaya.media.audio.G711;

/**
 * Places a leg's received audio on the media clock for the recorder: each 20 ms frame goes into
 * the slot of the tick its RTP timestamp maps to, plus a playout delay, so a lost or late packet
 * becomes silence in its own slot and the two channels of a recording stay aligned to wall clock.
 *
 * <p>The mapping follows the packets with the least transit time: it moves earlier at once when
 * a packet arrives faster than any before (a delayed first packet, a sender clock running fast),
 * and later only when a whole window of packets was slower (a slow sender clock, a longer path).
 * Both channels thus sit at their own minimum delay, which is what keeps them aligned.
 *
 * <p>Threading: confined to the owning media loop.
 */
final class JitterBuffer {
  static final int SLOTS = 32;
  static final int DELAY_TICKS = 3;
  private static final int WINDOW = 250; // packets: five seconds of audio

  private final short[][] frames = new short[SLOTS][160];
  private final long[] slotTick = new long[SLOTS];
  private boolean anchored;
  private long anchorTimestamp;
  private long anchorTick;
  private long ssrc;
  private long windowMin = Long.MAX_VALUE;
  private int windowCount;
  long late;
  long reanchors;

  JitterBuffer() {
    Arrays.fill(slotTick, -1);
  }

  /**
   * Adds one packet's G.711 payload read at wall-clock tick {@code arrival}, when the frames up to
   * tick {@code played} have been taken. The two differ while the media loop catches up after a
   * stall: the arrival must be the wall clock's, or the packets read late would look early and
   * drag the mapping earlier, making every later packet late for seconds.
   */
  void put(long packetSsrc, long timestamp, Codec codec, byte[] payload, int offset, int length, long arrival,
      long played) {
    if (!anchored || packetSsrc != ssrc) {
      anchor(packetSsrc, timestamp, arrival);
    }
    long frame = frameIndex(timestamp);
    long transit = arrival - frame; // the anchor tick this packet alone would imply
    if (Math.abs(transit - anchorTick) > SLOTS) {
      // A timestamp jump (hold, a new stream behind the same SSRC): start over from this packet.
      anchor(packetSsrc, timestamp, arrival);
      frame = 0;
      transit = arrival;
    }
    if (transit < anchorTick) {
      anchorTick = transit;
    }
    windowMin = Math.min(windowMin, transit);
    if (++windowCount == WINDOW) {
      if (windowMin > anchorTick) {
        anchorTick = windowMin;
      }
      windowMin = Long.MAX_VALUE;
      windowCount = 0;
    }
    long tick = anchorTick + frame + DELAY_TICKS;
    if (tick <= played) {
      late++; // its slot was already played as silence
      return;
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

  private long frameIndex(long timestamp) {
    int diff = (int) (timestamp - anchorTimestamp); // wraps correctly at 2^32
    return Math.floorDiv(diff, 160);
  }

  private void anchor(long packetSsrc, long timestamp, long now) {
    if (anchored) {
      reanchors++;
    }
    anchored = true;
    ssrc = packetSsrc;
    anchorTimestamp = timestamp;
    anchorTick = now;
    windowMin = Long.MAX_VALUE;
    windowCount = 0;
  }
}

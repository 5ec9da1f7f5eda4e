package org.atalaya.media.audio;

import java.util.Objects;
import org.atalaya.media.DtmfListener;

/**
 * Finds touch-tone digits in 8 kHz 16-bit linear PCM, for callers whose phones leave DTMF in the
 * audio instead of sending RFC 4733 events. Each key press is reported once, with its duration,
 * when the tone ends (as RFC 4733 reports on its end packet).
 *
 * <p>Audio is cut into 12.75 ms blocks ({@link DtmfBlock}). A digit starts after two consecutive
 * blocks pass every check (so a press must last about 25-38 ms, depending on how it falls on the
 * blocks) and ends after three consecutive blocks that do not carry it (about 38 ms): one lost
 * 20 ms packet inside a press is bridged, while the 40 ms pause between two presses of the same
 * key is not. A tone still on after 2 s is reported then, and not again when it stops, so a
 * stuck key or a test tone cannot hold a digit back forever.
 *
 * <p>Threading: not thread-safe; one detector per stream, fed and read by one thread. The
 * listener is called on that thread, inside {@link #accept}.
 */
public final class DtmfDetector {
  private static final int HITS_TO_START = 2;
  private static final int MISSES_TO_END = 3;
  private static final long MAX_SAMPLES = 2 * 8000;

  private final DtmfListener listener;
  private final DtmfBlock block = new DtmfBlock();
  private long position; // samples consumed, so durations do not depend on how audio was cut

  private int on = -1; // the key whose tone is on, or -1
  private long onStart;
  private long onEnd;
  private int misses;
  private boolean reported;

  private int candidate = -1; // a key seen strictly in the latest blocks, not yet on
  private long candidateStart;
  private int candidateHits;

  private long digits;

  /** A detector that tells {@code listener} of each digit. */
  public DtmfDetector(DtmfListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Scans {@code length} samples of {@code pcm} from {@code offset}; any length, in any cuts. */
  public void accept(short[] pcm, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, pcm.length);
    for (int i = offset; i < offset + length; i++) {
      position++;
      if (block.add(pcm[i])) {
        onBlock(position - DtmfBlock.SIZE, position);
        block.clear();
      }
    }
  }

  /** Digits reported so far. */
  public long digitsDetected() {
    return digits;
  }

  private void onBlock(long start, long end) {
    int strict = block.strict();
    if (on >= 0) {
      if (strict == on || block.holds(on)) {
        onEnd = end;
        misses = 0;
        if (!reported && onEnd - onStart >= MAX_SAMPLES) {
          report();
        }
      } else if (++misses >= MISSES_TO_END) {
        finish();
      }
    }
    if (strict < 0 || strict == on) {
      candidate = -1;
      return;
    }
    if (strict == candidate) {
      candidateHits++;
    } else {
      candidate = strict;
      candidateStart = start;
      candidateHits = 1;
    }
    if (candidateHits >= HITS_TO_START) {
      // Another key taking over ends the one on: fast dialling need not leave a pause.
      finish();
      on = candidate;
      onStart = candidateStart;
      onEnd = end;
      misses = 0;
      reported = false;
      candidate = -1;
    }
  }

  private void finish() {
    if (on >= 0 && !reported) {
      report();
    }
    on = -1;
  }

  private void report() {
    reported = true;
    digits++;
    long samples = Math.min(onEnd - onStart, MAX_SAMPLES);
    listener.onDigit(DtmfBlock.KEYS.charAt(on), (int) (samples / 8));
  }
}

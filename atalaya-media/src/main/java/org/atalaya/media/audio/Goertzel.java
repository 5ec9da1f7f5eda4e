package org.atalaya.media.audio;

/**
 * Measures how much of a block's energy sits at one frequency, so tests can assert "who hears
 * whom" by tone: a share near 1 means the block is that tone, near 0 means it is absent.
 *
 * <p>The share is computed over 50 ms sub-blocks and energy-weighted, because a long block with
 * a phase jump (a lost packet, a jitter buffer re-anchor, a prompt boundary) would otherwise
 * cancel itself out in one coherent sum and hide a tone that is plainly audible.
 */
public final class Goertzel {
  /** Share of energy above which {@link #detects} says a tone is present. */
  public static final double DETECT_SHARE = 0.25;

  /** RMS below which a block counts as silence (nothing is detected in silence). */
  public static final double SILENCE_RMS = 30;

  private Goertzel() {}

  /** Squared Goertzel magnitude of {@code freq} over {@code pcm[off, off+len)}. */
  public static double power(short[] pcm, int off, int len, int rate, double freq) {
    double coeff = 2 * Math.cos(2 * Math.PI * freq / rate);
    double s1 = 0;
    double s2 = 0;
    for (int i = off; i < off + len; i++) {
      double s0 = pcm[i] + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coeff * s1 * s2;
  }

  /**
   * Fraction (0..1) of the block's energy at {@code freq}: a pure sine at that frequency gives
   * about 1, G.711 noise or another tone about 0. Zero for digital silence.
   */
  public static double share(short[] pcm, int rate, double freq) {
    int block = Math.max(1, rate / 20);
    double tone = 0;
    double total = 0;
    for (int off = 0; off < pcm.length; off += block) {
      int len = Math.min(block, pcm.length - off);
      double energy = 0;
      for (int i = off; i < off + len; i++) {
        energy += (double) pcm[i] * pcm[i];
      }
      if (energy == 0) {
        continue;
      }
      // A sine of amplitude A gives |X|^2 = (A*len/2)^2 and energy A^2*len/2.
      tone += Math.min(energy, 2 * power(pcm, off, len, rate, freq) / len);
      total += energy;
    }
    return total == 0 ? 0 : tone / total;
  }

  /** Root mean square level of the block. */
  public static double rms(short[] pcm) {
    double energy = 0;
    for (short s : pcm) {
      energy += (double) s * s;
    }
    return pcm.length == 0 ? 0 : Math.sqrt(energy / pcm.length);
  }

  /** Whether {@code freq} holds at least {@link #DETECT_SHARE} of a non-silent block's energy. */
  public static boolean detects(short[] pcm, int rate, double freq) {
    return rms(pcm) >= SILENCE_RMS && share(pcm, rate, freq) >= DETECT_SHARE;
  }

  /**
   * The candidate frequency with the largest share of the block's energy, or -1 when the block
   * is silent or no candidate reaches {@link #DETECT_SHARE}.
   */
  public static double dominantOf(short[] pcm, int rate, double... candidates) {
    if (rms(pcm) < SILENCE_RMS) {
      return -1;
    }
    double best = -1;
    double bestShare = DETECT_SHARE;
    for (double f : candidates) {
      double s = share(pcm, rate, f);
      if (s >= bestShare) {
        best = f;
        bestShare = s;
      }
    }
    return best;
  }
}

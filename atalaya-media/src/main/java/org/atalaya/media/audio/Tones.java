package org.atalaya.media.audio;

/** Generates test and signalling tones as 16-bit PCM. */
public final class Tones {
  private Tones() {}

  /** {@code samples} samples of a sine at {@code freq} Hz and peak {@code amplitude} (0..32767). */
  public static short[] sine(double freq, int rate, int samples, double amplitude) {
    return sine(freq, rate, samples, amplitude, 0);
  }

  /**
   * Like {@link #sine(double, int, int, double)} but starting at sample index {@code start} of
   * an endless tone, so consecutive 20 ms packets join without a phase jump.
   */
  public static short[] sine(double freq, int rate, int samples, double amplitude, long start) {
    short[] out = new short[samples];
    fill(out, freq, rate, amplitude, start);
    return out;
  }

  /** Fills {@code out} in place (no allocation) with the tone from sample index {@code start}. */
  public static void fill(short[] out, double freq, int rate, double amplitude, long start) {
    if (amplitude < 0 || amplitude > 32767) {
      throw new IllegalArgumentException("amplitude must be within 0..32767: " + amplitude);
    }
    double w = 2 * Math.PI * freq / rate;
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) Math.round(amplitude * Math.sin(w * (start + i)));
    }
  }

  /** {@code millis} of a sine at 8 kHz: the rate every Atalaya leg runs at. */
  public static short[] sine8k(double freq, int millis, double amplitude) {
    return sine(freq, 8000, millis * 8, amplitude);
  }
}

package org.atalaya.media.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds DTMF test audio at 8 kHz and runs a fresh {@link DtmfDetector} over it. */
final class DtmfSignal {
  /** The keypad as ITU-T Q.23 lays it out: rows 697-941 Hz, columns 1209-1633 Hz. */
  private static final String[] KEYPAD = {"123A", "456B", "789C", "*0#D"};
  private static final double[] ROWS = {697, 770, 852, 941};
  private static final double[] COLUMNS = {1209, 1336, 1477, 1633};

  /** Peak of a 0 dBm0 sine in 16-bit PCM: 3.14 dB below full scale. */
  static final double ZERO_DBM0 = 32767 * Math.pow(10, -3.14 / 20);

  private DtmfSignal() {}

  static double peak(double dbm0) {
    return ZERO_DBM0 * Math.pow(10, dbm0 / 20);
  }

  /** The key's row and column tones, each at {@code rowDbm0} and {@code colDbm0}. */
  static short[] key(char key, int millis, double rowDbm0, double colDbm0) {
    return detuned(key, millis, rowDbm0, colDbm0, 0);
  }

  /** Like {@link #key(char, int, double, double)} with both tones off by {@code deviation} (0.01 = 1%). */
  static short[] detuned(char key, int millis, double rowDbm0, double colDbm0, double deviation) {
    for (int r = 0; r < 4; r++) {
      int c = KEYPAD[r].indexOf(key);
      if (c >= 0) {
        double[] freqs = {ROWS[r] * (1 + deviation), COLUMNS[c] * (1 + deviation)};
        return mix(millis, freqs, new double[] {rowDbm0, colDbm0});
      }
    }
    throw new IllegalArgumentException("not a DTMF key: " + key);
  }

  /** A key at "0 dBm0-ish": each tone at -3 dBm0, so the pair peaks near full scale. */
  static short[] key(char key, int millis) {
    return key(key, millis, -3, -3);
  }

  /** Sines of {@code freqs} at {@code dbm0} each, summed. */
  static short[] mix(int millis, double[] freqs, double[] dbm0) {
    short[] out = new short[millis * 8];
    for (int i = 0; i < out.length; i++) {
      double v = 0;
      for (int f = 0; f < freqs.length; f++) {
        v += peak(dbm0[f]) * Math.sin(2 * Math.PI * freqs[f] * i / 8000);
      }
      out[i] = clip(v);
    }
    return out;
  }

  static short[] silence(int millis) {
    return new short[millis * 8];
  }

  /** Gaussian white noise of {@code rms}, from a fixed seed so a failure can be replayed. */
  static short[] noise(int samples, double rms, long seed) {
    Random random = new Random(seed);
    short[] out = new short[samples];
    for (int i = 0; i < out.length; i++) {
      out[i] = clip(random.nextGaussian() * rms);
    }
    return out;
  }

  static double rms(short[] pcm) {
    return Goertzel.rms(pcm);
  }

  static short[] add(short[] a, short[] b) {
    short[] out = new short[a.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = clip(a[i] + (i < b.length ? b[i] : 0));
    }
    return out;
  }

  static short[] concat(short[]... parts) {
    int n = 0;
    for (short[] p : parts) {
      n += p.length;
    }
    short[] out = new short[n];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** Each sample through a G.711 encoder and decoder, as a call leg would carry it. */
  static short[] throughUlaw(short[] pcm) {
    short[] out = new short[pcm.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = G711.ulawToLinear(G711.linearToUlaw(pcm[i]));
    }
    return out;
  }

  static short[] throughAlaw(short[] pcm) {
    short[] out = new short[pcm.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = G711.alawToLinear(G711.linearToAlaw(pcm[i]));
    }
    return out;
  }

  /** What a fresh detector reports, as "digit/ms", fed in pieces of {@code chunk} samples. */
  static List<String> detect(short[] pcm, int... chunks) {
    List<String> found = new ArrayList<>();
    DtmfDetector detector = new DtmfDetector((digit, ms) -> found.add(digit + "/" + ms));
    int at = 0;
    for (int i = 0; at < pcm.length; i++) {
      int n = Math.min(chunks[i % chunks.length], pcm.length - at);
      detector.accept(pcm, at, n);
      at += n;
    }
    if (detector.digitsDetected() != found.size()) {
      throw new AssertionError("counter says " + detector.digitsDetected() + ", listener heard " + found);
    }
    return found;
  }

  /** Digits only, without durations. */
  static String digits(short[] pcm) {
    StringBuilder sb = new StringBuilder();
    for (String d : detect(pcm, 160)) {
      sb.append(d.charAt(0));
    }
    return sb.toString();
  }

  private static short clip(double v) {
    return (short) Math.max(-32768, Math.min(32767, Math.round(v)));
  }
}

package org.atalaya.media.audio;

/**
 * One analysis block of {@link DtmfDetector}: eight Goertzel filters at the DTMF row and column
 * frequencies plus the block's total energy, fed a sample at a time so callers can hand over
 * audio in pieces of any size.
 *
 * <p>A block holds a digit "strictly" when it passes every check a real detector makes (level,
 * twist, relative peak, share of energy); that is what starts a digit. It "holds" a digit that is
 * already on under looser checks, because the blocks at the edges of a short dropout are only
 * partly tone and would otherwise end the digit early.
 */
final class DtmfBlock {
  /** 102 samples (12.75 ms): the first spectral null (78 Hz) falls near the 73 Hz row spacing. */
  static final int SIZE = 102;

  static final double[] FREQUENCIES = {697, 770, 852, 941, 1209, 1336, 1477, 1633};
  static final String KEYS = "123A456B789C*0#D";

  /** Peak of a 0 dBm0 sine: 3.14 dB below 16-bit full scale (G.711's overload point). */
  static final double ZERO_DBM0_PEAK = 32767 * Math.pow(10, -3.14 / 20);

  /** Each tone must reach -30 dBm0; weaker is noise or crosstalk, not a key. */
  private static final double MIN_TONE = toneEnergy(-30);
  /** A column (high) tone may be up to 8 dB louder than its row (lines lose the highs). */
  private static final double NORMAL_TWIST = db(8);
  /** A row (low) tone may be only up to 4 dB louder than its column. */
  private static final double REVERSE_TWIST = db(4);
  /** Every other tone of a group must be 8 dB below the group's peak: no chords. */
  private static final double RELATIVE_PEAK = db(8);
  /**
   * The two tones must carry 80% of the block's energy. This is what rejects speech and music
   * ("talk-off"); it also means a block at most one fifth silent, so a 20 ms blip can never
   * give the two strict blocks a digit needs to start.
   */
  private static final double STRICT_SHARE = 0.8;
  /**
   * A digit already on is held by a block that is at least a bit over half tone. Between 0.43
   * and 0.72 of a block, a 20 ms dropout misses at most two blocks and a 40 ms pause at least
   * three, which is what lets {@link DtmfDetector} bridge the one and end on the other.
   */
  private static final double HOLD_SHARE = 0.55;
  /** In a half-covered block each tone measures 6 dB lower; allow 10. */
  private static final double HOLD_MIN_TONE = MIN_TONE / db(10);

  private static final double[] COEFF = new double[8];

  static {
    for (int i = 0; i < 8; i++) {
      COEFF[i] = 2 * Math.cos(2 * Math.PI * FREQUENCIES[i] / 8000);
    }
  }

  private final double[] s1 = new double[8];
  private final double[] s2 = new double[8];
  private final double[] tone = new double[8];
  private double energy;
  private int count;

  /** Adds one sample; true when it completed the block and {@link #strict}/{@link #holds} apply. */
  boolean add(short sample) {
    double x = sample;
    for (int i = 0; i < 8; i++) {
      double s0 = x + COEFF[i] * s1[i] - s2[i];
      s2[i] = s1[i];
      s1[i] = s0;
    }
    energy += x * x;
    if (++count < SIZE) {
      return false;
    }
    for (int i = 0; i < 8; i++) {
      // A sine of peak A gives a squared magnitude of (A*SIZE/2)^2; scaled to its energy A^2*SIZE/2.
      double power = s1[i] * s1[i] + s2[i] * s2[i] - COEFF[i] * s1[i] * s2[i];
      tone[i] = 2 * power / SIZE;
      s1[i] = 0;
      s2[i] = 0;
    }
    return true;
  }

  /** Starts the next block; call after reading the one {@link #add} completed. */
  void clear() {
    energy = 0;
    count = 0;
  }

  /** The key (index into {@link #KEYS}) this block holds under every check, or -1. */
  int strict() {
    int row = peak(0);
    int col = peak(4);
    double r = tone[row];
    double c = tone[col];
    if (r < MIN_TONE || c < MIN_TONE || c > r * NORMAL_TWIST || r > c * REVERSE_TWIST) {
      return -1;
    }
    for (int i = 0; i < 8; i++) {
      double top = i < 4 ? r : c;
      if (i != row && i != col && tone[i] * RELATIVE_PEAK > top) {
        return -1;
      }
    }
    if (r + c < STRICT_SHARE * energy) {
      return -1;
    }
    return (row * 4) + (col - 4);
  }

  /** Whether this block still carries {@code key}, under the looser checks for a digit on. */
  boolean holds(int key) {
    int row = key / 4;
    int col = 4 + key % 4;
    return peak(0) == row
        && peak(4) == col
        && tone[row] >= HOLD_MIN_TONE
        && tone[col] >= HOLD_MIN_TONE
        && tone[row] + tone[col] >= HOLD_SHARE * energy;
  }

  private int peak(int from) {
    int best = from;
    for (int i = from + 1; i < from + 4; i++) {
      if (tone[i] > tone[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The block energy of one tone at {@code dbm0}, as {@link #add} measures it. */
  private static double toneEnergy(double dbm0) {
    double peak = ZERO_DBM0_PEAK * Math.pow(10, dbm0 / 20);
    return peak * peak * SIZE / 2;
  }

  private static double db(double db) {
    return Math.pow(10, db / 10);
  }
}

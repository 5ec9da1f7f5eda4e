package org.atalaya.bench.rtpengine;

/**
 * Delay histogram: 1 µs buckets below 100 ms, then 1 ms buckets up to 10 s, then one bucket
 * for everything later (an overloaded run queues for seconds; its p99 should say how long).
 *
 * <p>An instance is counted by the receiver thread alone; snapshots keep {@link #copy()}s, which
 * the static methods read.
 */
final class DelayHistogram {
  private static final int FINE_MICROS = 100_000;
  private static final int COARSE_BUCKETS = 9_900;
  private static final int BUCKETS = FINE_MICROS + COARSE_BUCKETS + 1;

  private final long[] counts = new long[BUCKETS];

  /** Counts one delay, in microseconds. */
  void add(long micros) {
    counts[bucket(micros)]++;
  }

  /** The counts now, one per bucket. */
  long[] copy() {
    return counts.clone();
  }

  private static int bucket(long micros) {
    if (micros < FINE_MICROS) {
      return micros < 0 ? 0 : (int) micros;
    }
    return (int) Math.min(BUCKETS - 1, FINE_MICROS + (micros - FINE_MICROS) / 1000);
  }

  /** The middle of a bucket, in microseconds (the last bucket: its lower bound). */
  private static double bucketMicros(int bucket) {
    if (bucket < FINE_MICROS) {
      return bucket + 0.5;
    }
    double lower = FINE_MICROS + (bucket - FINE_MICROS) * 1000.0;
    return bucket == BUCKETS - 1 ? lower : lower + 500;
  }

  /** Samples in a copy's counts. */
  static long samples(long[] counts) {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    return n;
  }

  /**
   * A percentile (0..100) of a copy's counts in microseconds, nearest rank, each sample at the
   * middle of its bucket (the overflow bucket reads as its lower bound, 10 s); NaN if it is empty.
   */
  static double percentileMicros(long[] counts, double p) {
    long n = samples(counts);
    if (n == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
    long seen = 0;
    for (int b = 0; b < counts.length; b++) {
      seen += counts[b];
      if (seen >= rank) {
        return bucketMicros(b);
      }
    }
    return bucketMicros(counts.length - 1);
  }
}

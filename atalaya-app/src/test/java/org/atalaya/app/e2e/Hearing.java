package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.atalaya.media.audio.Goertzel;

/** Tone-per-party assertions: who a signal holds, and who it must not. */
final class Hearing {
  static final double CUSTOMER = 440;
  static final double AGENT = 1000;
  static final double SUPERVISOR = 1700;
  static final double[] PARTIES = {CUSTOMER, AGENT, SUPERVISOR};

  private Hearing() {}

  /** Each expected tone holds a clear share of the energy; every other party's tone is absent. */
  static void expect(String who, short[] pcm, double... expected) {
    assertThat(pcm.length).as(who + ": samples to analyse").isGreaterThan(4000);
    double[] sorted = expected.clone();
    Arrays.sort(sorted);
    for (double f : PARTIES) {
      double share = Goertzel.share(pcm, 8000, f);
      if (Arrays.binarySearch(sorted, f) >= 0) {
        assertThat(share).as(who + " hears " + (int) f + " Hz").isGreaterThan(0.6 / (expected.length + 1));
      } else {
        assertThat(share).as(who + " must not hear " + (int) f + " Hz").isLessThan(0.05);
      }
    }
    if (expected.length == 0) {
      assertThat(Goertzel.rms(pcm)).as(who + " hears silence").isLessThan(Goertzel.SILENCE_RMS);
    }
  }

  static short[] slice(short[] pcm, int from, int to) {
    return Arrays.copyOfRange(pcm, Math.min(from, pcm.length), Math.min(to, pcm.length));
  }
}

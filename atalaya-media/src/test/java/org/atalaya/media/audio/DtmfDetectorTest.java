package org.atalaya.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atalaya.media.audio.DtmfSignal.concat;
import static org.atalaya.media.audio.DtmfSignal.detect;
import static org.atalaya.media.audio.DtmfSignal.digits;
import static org.atalaya.media.audio.DtmfSignal.key;
import static org.atalaya.media.audio.DtmfSignal.silence;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link DtmfDetector} must find, and when: digits, durations, timing limits, cuts. */
class DtmfDetectorTest {
  private static final String ALL_KEYS = "123A456B789C*0#D";

  @Test
  void everyKeyAtNearFullLevelIsReportedOnceWithItsDuration() {
    for (char k : ALL_KEYS.toCharArray()) {
      assertOneDigit(detect(concat(silence(30), key(k, 120), silence(100)), 160), k, 120);
    }
  }

  @Test
  void everyKeyAtMinus25dBm0IsReportedOnceWithItsDuration() {
    for (char k : ALL_KEYS.toCharArray()) {
      assertOneDigit(detect(concat(silence(30), key(k, 90, -25, -25), silence(100)), 160), k, 90);
    }
  }

  @Test
  void aKeyBelowTheMinimumLevelIsNotReported() {
    assertThat(detect(concat(key('5', 200, -36, -36), silence(100)), 160)).isEmpty();
  }

  @Test
  void fastDiallingWithFiftyMillisecondTonesAndGapsIsReadExactly() {
    String number = "1234567890*#";
    List<short[]> parts = new ArrayList<>();
    for (char k : number.toCharArray()) {
      parts.add(key(k, 50));
      parts.add(silence(50));
    }
    List<String> found = detect(concat(parts.toArray(short[][]::new)), 160);
    assertThat(found).hasSize(number.length());
    for (int i = 0; i < number.length(); i++) {
      assertDigit(found.get(i), number.charAt(i), 50);
    }
  }

  @Test
  void keysSurviveMuLawAndALaw() {
    short[] pcm = concat(key('7', 100, -20, -18), silence(60), key('D', 100, -6, -6), silence(100));
    assertThat(digits(DtmfSignal.throughUlaw(pcm))).isEqualTo("7D");
    assertThat(digits(DtmfSignal.throughAlaw(pcm))).isEqualTo("7D");
  }

  @Test
  void keysSurviveWhiteNoiseAtFifteenDecibelsBelowThem() {
    short[] tones = concat(silence(60), key('3', 100, -10, -10), silence(60), key('#', 100, -10, -10), silence(100));
    double toneRms = DtmfSignal.rms(key('3', 100, -10, -10));
    short[] noisy = DtmfSignal.add(tones, DtmfSignal.noise(tones.length, toneRms / Math.pow(10, 15 / 20.0), 7));
    assertThat(digits(noisy)).isEqualTo("3#");
  }

  @Test
  void tonesOffByOneAndAHalfPercentAreAcceptedAndByThreeAndAHalfAreNot() {
    // The tolerance Q.24 administrations ask for: senders drift, other signals sit further away.
    for (char k : ALL_KEYS.toCharArray()) {
      for (double deviation : new double[] {-0.015, 0.015}) {
        assertThat(digits(concat(DtmfSignal.detuned(k, 100, -6, -6, deviation), silence(100))))
            .as("%s off by %s", k, deviation).isEqualTo(String.valueOf(k));
      }
      for (double deviation : new double[] {-0.035, 0.035}) {
        assertThat(digits(concat(DtmfSignal.detuned(k, 100, -6, -6, deviation), silence(100))))
            .as("%s off by %s", k, deviation).isEmpty();
      }
    }
  }

  @Test
  void aColumnToneUpToEightDecibelsLouderIsAcceptedButTwelveIsNot() {
    assertThat(digits(concat(key('9', 100, -16, -10), silence(100)))).as("normal twist 6 dB").isEqualTo("9");
    assertThat(digits(concat(key('9', 100, -22, -10), silence(100)))).as("normal twist 12 dB").isEmpty();
  }

  @Test
  void aRowToneUpToFourDecibelsLouderIsAcceptedButSixIsNot() {
    assertThat(digits(concat(key('9', 100, -10, -13), silence(100)))).as("reverse twist 3 dB").isEqualTo("9");
    assertThat(digits(concat(key('9', 100, -10, -16), silence(100)))).as("reverse twist 6 dB").isEmpty();
  }

  @Test
  void aTwentyMillisecondBlipIsNeverReportedAndFortyMillisecondsAlwaysIs() {
    for (int lead = 0; lead < DtmfBlock.SIZE; lead++) { // every way a press can fall on the blocks
      short[] blip = concat(new short[lead], key('6', 20), silence(100));
      short[] press = concat(new short[lead], key('6', 40), silence(100));
      assertThat(detect(blip, 160)).as("20 ms after %d samples", lead).isEmpty();
      assertThat(detect(press, 160)).as("40 ms after %d samples", lead).hasSize(1);
    }
  }

  @Test
  void aTwentyMillisecondDropoutDoesNotSplitAPressButAFortyMillisecondPauseDoes() {
    for (int lead = 0; lead < DtmfBlock.SIZE; lead++) {
      short[] dropout = key('8', 200);
      java.util.Arrays.fill(dropout, 800, 960, (short) 0); // 20 ms lost 100 ms in
      assertOneDigit(detect(concat(new short[lead], dropout, silence(100)), 160), '8', 200);

      short[] twice = concat(new short[lead], key('8', 80), silence(40), key('8', 80), silence(100));
      assertThat(digits(twice)).as("40 ms pause after %d samples", lead).isEqualTo("88");
    }
  }

  @Test
  void audioCutIntoOddPiecesGivesTheSameDigitsAsTwentyMillisecondFrames() {
    short[] pcm = concat(silence(17), key('1', 70), silence(45), key('A', 130, -20, -17), silence(60), key('0', 45),
        silence(100));
    List<String> frames = detect(pcm, 160);
    assertThat(frames).hasSize(3);
    assertThat(detect(pcm, 1)).isEqualTo(frames);
    assertThat(detect(pcm, 37)).isEqualTo(frames);
    assertThat(detect(pcm, 333)).isEqualTo(frames);
    assertThat(detect(pcm, 1, 37, 160, 333)).isEqualTo(frames);
  }

  @Test
  void aToneThatNeverEndsIsReportedOnceAtTwoSeconds() {
    List<String> found = new ArrayList<>();
    DtmfDetector detector = new DtmfDetector((digit, ms) -> found.add(digit + "/" + ms));
    short[] tone = key('*', 5000);
    detector.accept(tone, 0, 2100 * 8);
    assertThat(found).as("reported while the key is still down").containsExactly("*/2000");
    detector.accept(tone, 2100 * 8, tone.length - 2100 * 8);
    short[] after = concat(silence(100), key('*', 100), silence(100));
    detector.accept(after, 0, after.length);
    assertThat(found).as("not again when it stops; the next press is new").hasSize(2);
    assertDigit(found.get(1), '*', 100);
    assertThat(detector.digitsDetected()).isEqualTo(2);
  }

  private static void assertOneDigit(List<String> found, char key, int millis) {
    assertThat(found).as("digits for %s", key).hasSize(1);
    assertDigit(found.get(0), key, millis);
  }

  private static void assertDigit(String found, char key, int millis) {
    assertThat(found.charAt(0)).as(found).isEqualTo(key);
    assertThat(Integer.parseInt(found.substring(2))).as("duration of " + found).isBetween(millis - 30, millis + 30);
  }
}

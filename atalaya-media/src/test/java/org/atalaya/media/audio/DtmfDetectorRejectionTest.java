package org.atalaya.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atalaya.media.audio.DtmfSignal.concat;
import static org.atalaya.media.audio.DtmfSignal.digits;
import static org.atalaya.media.audio.DtmfSignal.mix;
import static org.atalaya.media.audio.DtmfSignal.silence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What {@link DtmfDetector} must not take for a key: single tones, chords, noise, speech. */
class DtmfDetectorRejectionTest {
  /** The demo calls' espeak-ng voices, agents and customers in Spanish and English. */
  private static final Path DEMO_VOICES = Path.of("../atalaya-app/src/main/resources/demo");

  @Test
  void singleTonesAreNotKeys() {
    assertThat(digits(mix(1000, new double[] {1000}, new double[] {-3}))).as("1 kHz test tone").isEmpty();
    assertThat(digits(mix(1000, new double[] {697}, new double[] {-3}))).as("a lone row tone").isEmpty();
    assertThat(digits(mix(1000, new double[] {1477}, new double[] {-3}))).as("a lone column tone").isEmpty();
  }

  @Test
  void chordsOfThreeTonesAreNotKeys() {
    assertThat(digits(chord(697, 770, 1209))).as("two rows and a column").isEmpty();
    assertThat(digits(chord(852, 1336, 1477))).as("a row and two columns").isEmpty();
    assertThat(digits(chord(770, 1336, 440))).as("key 5 plus a 440 Hz tone as loud").isEmpty();
    assertThat(digits(chord(523, 659, 784))).as("C major").isEmpty();
  }

  @Test
  void aKeyWithAThirdToneOfItsGroupWithinEightDecibelsIsNotAKey() {
    // Loud enough to pass the energy share (89%), so only the relative-peak check can refuse it.
    short[] nearby = mix(300, new double[] {770, 1336, 852}, new double[] {-8, -8, -14});
    assertThat(digits(concat(nearby, silence(100)))).as("852 Hz 6 dB below key 5's row").isEmpty();
    short[] faint = mix(300, new double[] {770, 1336, 852}, new double[] {-8, -8, -20});
    assertThat(digits(concat(faint, silence(100)))).as("852 Hz 12 dB below key 5's row").isEqualTo("5");
  }

  @Test
  void noiseAndSilenceAreNotKeys() {
    assertThat(digits(silence(3000))).isEmpty();
    for (double rms : new double[] {30, 1000, 10000}) {
      assertThat(digits(DtmfSignal.noise(8000 * 3, rms, (long) rms))).as("noise of rms %s", rms).isEmpty();
    }
  }

  @Test
  void speechIsNotKeys() throws IOException {
    List<Path> clips;
    try (Stream<Path> files = Files.list(DEMO_VOICES)) {
      clips = files.filter(p -> p.getFileName().toString().matches("(agent|customer)-0\\d-.*\\.wav")).sorted().toList();
    }
    assertThat(clips).as("the demo voices in %s", DEMO_VOICES.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(8);
    for (Path clip : clips) {
      Wav.Pcm pcm;
      try (InputStream in = Files.newInputStream(clip)) {
        pcm = Wav.read(in);
      }
      assertThat(pcm.sampleRate()).isEqualTo(8000);
      short[] voice = pcm.channel(0);
      assertThat(DtmfSignal.rms(voice)).as("%s holds audio", clip).isGreaterThan(300);
      assertThat(digits(voice)).as("%s", clip).isEmpty();
      assertThat(digits(DtmfSignal.throughUlaw(voice))).as("%s through µ-law", clip).isEmpty();
    }
  }

  @Test
  void aKeyIsStillFoundAfterSpeechAndBeforeIt() {
    // The rejections above are worth little if the detector is simply deaf next to a voice.
    Path clip = DEMO_VOICES.resolve("customer-01-es.wav");
    short[] voice;
    try (InputStream in = Files.newInputStream(clip)) {
      voice = Wav.read(in).channel(0);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThat(digits(concat(voice, DtmfSignal.key('4', 80, -12, -10), silence(60), voice))).isEqualTo("4");
  }

  private static short[] chord(double a, double b, double c) {
    return concat(mix(500, new double[] {a, b, c}, new double[] {-8, -8, -8}), silence(100));
  }
}

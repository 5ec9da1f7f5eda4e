package org.atalaya.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.atalaya.media.audio.Wav;
import org.junit.jupiter.api.Test;

class DemoClipsTest {
  @Test
  void everyClipIsEightKilohertzMonoAndOneToFiveSecondsOfSpeech() {
    DemoClips clips = DemoClips.load();
    assertThat(clips.customerClips()).hasSize(4);
    assertThat(clips.agentClips()).hasSize(4);
    for (DemoClips.Clip c : concat(clips)) {
      double seconds = c.pcm().length / 8000.0;
      assertThat(seconds).as(c.resource()).isBetween(1.0, 5.0);
      assertThat(peak(c.pcm())).as(c.resource() + " is not silent").isGreaterThan(5_000);
    }
    assertThat(clips.customerClips()).extracting(DemoClips.Clip::language)
        .containsExactly(DemoClips.Language.ES, DemoClips.Language.ES, DemoClips.Language.EN, DemoClips.Language.EN);
  }

  @Test
  void conversationsStartWithThePartyThatSpeaksFirst() {
    DemoClips clips = DemoClips.load();
    short[] customer = clips.customerAudio(DemoClips.Language.ES, new SplittableRandom(1));
    short[] agent = clips.agentAudio(DemoClips.Language.EN);
    // the customer waits while the agent greets, so its first 2.5 s are silent and the agent's are not
    assertThat(peak(java.util.Arrays.copyOf(customer, 20_000))).isZero();
    assertThat(peak(java.util.Arrays.copyOf(agent, 20_000))).isGreaterThan(5_000);
  }

  @Test
  void promptsAreEightKilohertzMono() throws Exception {
    for (String lang : new String[] {"es", "en"}) {
      Path p = Path.of("../atalaya-core/src/main/resources/prompts", lang, "no-agents.wav");
      try (InputStream in = Files.newInputStream(p)) {
        Wav.Pcm pcm = Wav.read(in);
        assertThat(pcm.sampleRate()).isEqualTo(8000);
        assertThat(pcm.channels()).isEqualTo(1);
        assertThat(pcm.samples().length / 8000.0).isBetween(2.0, 7.0);
      }
    }
  }

  private static java.util.List<DemoClips.Clip> concat(DemoClips clips) {
    var all = new java.util.ArrayList<>(clips.customerClips());
    all.addAll(clips.agentClips());
    return all;
  }

  private static int peak(short[] pcm) {
    int max = 0;
    for (short s : pcm) {
      max = Math.max(max, Math.abs(s));
    }
    return max;
  }
}

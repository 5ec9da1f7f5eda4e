package org.atalaya.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.atalaya.media.audio.Goertzel;
import org.atalaya.media.audio.Wav;

/**
 * What the recorder wrote, judged by content: a sample of a level's recordings is downloaded
 * (decrypted by Atalaya, as a user would play it) and every 20 ms frame of each channel is asked
 * whether its party's tone is there: the customer's on the left, the agent's on the right.
 * A frame the recorder missed or filled with silence does not hold the tone.
 */
final class RecordingCheck {
  /**
   * @param checked recordings downloaded
   * @param correct of those, the ones with the right tone dominant on each channel
   * @param framesWithTone frames of the checked recordings, both channels, that hold their tone
   * @param frames frames of the checked recordings, both channels, in the talk period
   */
  record Result(int checked, int correct, long framesWithTone, long frames) {
    double toneShare() {
      return frames == 0 ? Double.NaN : (double) framesWithTone / frames;
    }
  }

  private RecordingCheck() {}

  static Result spotCheck(Api api, List<JsonNode> recordings, Set<String> skipCalls, int sample, double leftHz,
      double rightHz, java.nio.file.Path failures) throws Exception {
    List<JsonNode> pool = new ArrayList<>();
    for (JsonNode r : recordings) {
      if (!skipCalls.contains(r.path("callId").asText())) {
        pool.add(r);
      }
    }
    Collections.shuffle(pool, new Random(42));
    int checked = 0;
    int correct = 0;
    long withTone = 0;
    long frames = 0;
    for (JsonNode r : pool.subList(0, Math.min(sample, pool.size()))) {
      byte[] wav = api.audio(r.path("id").asText());
      Wav.Pcm pcm = Wav.read(new ByteArrayInputStream(wav));
      checked++;
      boolean ok = pcm.channels() == 2;
      for (int ch = 0; ch < 2 && ok; ch++) {
        double hz = ch == 0 ? leftHz : rightHz;
        short[] s = pcm.channel(ch);
        // The first and last half second hold the answer and the hang-up: judge the talk between.
        int from = 4000;
        int to = s.length - 4000;
        int good = 0;
        int n = 0;
        for (int off = from; off + 160 <= to; off += 160) {
          short[] frame = java.util.Arrays.copyOfRange(s, off, off + 160);
          n++;
          if (Goertzel.detects(frame, 8000, hz)) {
            good++;
          }
        }
        withTone += good;
        frames += n;
        ok = n > 0 && good >= n * 0.99;
      }
      if (ok) {
        correct++;
      } else { // kept for a look: which channel, when
        java.nio.file.Files.createDirectories(failures);
        java.nio.file.Files.write(failures.resolve(r.path("id").asText() + ".wav"), wav);
        System.out.println("  recording " + r.path("id").asText() + " of call " + r.path("callId").asText()
            + " failed the tone check: saved in " + failures);
      }
    }
    return new Result(checked, correct, withTone, frames);
  }
}

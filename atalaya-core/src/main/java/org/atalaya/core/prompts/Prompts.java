package org.atalaya.core.prompts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.atalaya.media.audio.Wav;

/**
 * The recorded messages callers hear, per language, loaded once from the classpath
 * ({@code /prompts/<lang>/<name>.wav}, 8 kHz mono 16-bit).
 */
public final class Prompts {
  private final Map<String, short[]> cache = new ConcurrentHashMap<>();

  /** The prompt's samples; falls back to English, then to one second of silence. */
  public short[] get(String language, String name) {
    return cache.computeIfAbsent(language + "/" + name, k -> load(language, name));
  }

  private static short[] load(String language, String name) {
    for (String lang : new String[] {language, "en"}) {
      try (InputStream in = Prompts.class.getResourceAsStream("/prompts/" + lang + "/" + name + ".wav")) {
        if (in == null) {
          continue;
        }
        Wav.Pcm pcm = Wav.read(in);
        if (pcm.sampleRate() != 8000 || pcm.channels() != 1) {
          throw new IllegalStateException("prompt " + lang + "/" + name + " must be 8 kHz mono, is "
              + pcm.sampleRate() + " Hz x" + pcm.channels());
        }
        return pcm.samples();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read prompt " + lang + "/" + name, e);
      }
    }
    return new short[8000];
  }
}

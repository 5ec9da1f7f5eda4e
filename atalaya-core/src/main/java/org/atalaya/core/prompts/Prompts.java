package org.atalaya.core.prompts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.atalaya.media.audio.Wav;

/**
 * The recorded messages callers hear, per language, loaded once from the classpath
 * ({@code /prompts/<lang>/<name>.wav}, 8 kHz mono 16-bit). A tenant may replace any of them
 * with its own file {@code <dir>/<tenant>/<lang>/<name>.wav} (its consent wording, its voice).
 */
public final class Prompts {
  private final Map<String, short[]> cache = new ConcurrentHashMap<>();
  private final java.nio.file.Path dir;

  /** Built-in prompts only. */
  public Prompts() {
    this(null);
  }

  /** Built-in prompts, each replaceable per tenant under {@code dir}. */
  public Prompts(java.nio.file.Path dir) {
    this.dir = dir;
  }

  /** The prompt's samples; falls back to English, then to one second of silence. */
  public short[] get(String language, String name) {
    return cache.computeIfAbsent(language + "/" + name, k -> load(language, name));
  }

  /** The tenant's own prompt if it has one (read each time, so a new file applies at once), else the built-in. */
  public short[] get(String tenantId, String language, String name) {
    if (dir != null) {
      java.nio.file.Path own = dir.resolve(tenantId).resolve(language).resolve(name + ".wav").normalize();
      if (own.startsWith(dir) && java.nio.file.Files.isRegularFile(own)) {
        try (InputStream in = java.nio.file.Files.newInputStream(own)) {
          Wav.Pcm pcm = Wav.read(in);
          if (pcm.sampleRate() == 8000 && pcm.channels() == 1) {
            return pcm.samples();
          }
          org.slf4j.LoggerFactory.getLogger(Prompts.class)
              .warn("prompt {} must be 8 kHz mono, is {} Hz x{}: using the built-in one", own, pcm.sampleRate(), pcm.channels());
        } catch (IOException e) {
          org.slf4j.LoggerFactory.getLogger(Prompts.class).warn("prompt {} unreadable: using the built-in one", own, e);
        }
      }
    }
    return get(language, name);
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

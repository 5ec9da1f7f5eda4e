package org.atalaya.web.audio;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Downloads as Ogg/Opus. The Concentus encoder is not wired yet, so this refuses before a byte is
 * sent; the route turns {@link Unavailable} into a 501 with a message saying to use WAV.
 */
public final class OpusExport {
  /** Thrown while Opus export is unavailable. */
  public static final class Unavailable extends RuntimeException {
    Unavailable() {
      super("download as Opus is not available yet: use format=wav", null, false, false);
    }
  }

  private OpusExport() {}

  public static boolean available() {
    return false;
  }

  public static void write(InputStream pcm, long dataBytes, OutputStream out, int sampleRate, int channels) {
    throw new Unavailable();
  }
}

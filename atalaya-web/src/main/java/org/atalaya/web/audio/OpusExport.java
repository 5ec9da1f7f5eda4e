package org.atalaya.web.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.atalaya.web.ApiException;

/** Downloads as Ogg/Opus. Placeholder until the encoder lands: answers 501. */
public final class OpusExport {
  private OpusExport() {}

  public static void write(InputStream pcm, long dataBytes, OutputStream out, int sampleRate, int channels)
      throws IOException {
    throw new UnsupportedOperationException("opus");
  }
}

package org.atalaya.web.audio;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Downloads as Ogg/Opus: the recording's PCM, cut to the announced length, streamed through
 * {@link OggOpusWriter} at the default voice bitrate (about 12x smaller than WAV). The size is
 * not known in advance, so the response has no Content-Length and no Range support.
 */
public final class OpusExport {
  private OpusExport() {}

  public static void write(InputStream pcm, long dataBytes, OutputStream out, int sampleRate, int channels)
      throws IOException {
    OggOpusWriter.encode(new Limited(pcm, dataBytes), out, sampleRate, channels);
    out.flush();
  }

  /** At most {@code left} bytes of the underlying stream: a live recording keeps growing. */
  private static final class Limited extends FilterInputStream {
    private long left;

    Limited(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}

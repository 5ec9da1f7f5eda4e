package org.atalaya.web.audio;

import java.io.IOException;
import java.io.InputStream;

/**
 * The waveform of a recording: per channel, the loudest sample of each of {@code buckets} equal
 * slices, scaled to 0..1. One pass over the PCM; the player draws a lane per channel from it and
 * uses it to skip silence.
 */
public final class Peaks {
  private Peaks() {}

  /** {@code dataBytes} of 16-bit little-endian interleaved PCM with {@code channels} channels. */
  public static float[][] compute(InputStream pcm, long dataBytes, int channels, int buckets) throws IOException {
    int ch = Math.max(1, channels);
    long frames = dataBytes / (2L * ch);
    float[][] peaks = new float[ch][buckets];
    if (frames == 0) {
      return peaks;
    }
    byte[] buf = new byte[64 * 1024 - (64 * 1024) % (2 * ch)];
    long frame = 0;
    int[] max = new int[ch];
    int bucket = 0;
    long left = frames * 2L * ch;
    while (left > 0) {
      int n = pcm.readNBytes(buf, 0, (int) Math.min(buf.length, left));
      if (n <= 0) {
        break;
      }
      left -= n;
      for (int i = 0; i + 2 * ch <= n; i += 2 * ch) {
        int b = (int) (frame * buckets / frames);
        if (b != bucket) {
          flush(peaks, max, bucket);
          bucket = b;
        }
        for (int c = 0; c < ch; c++) {
          int s = Math.abs((short) ((buf[i + 2 * c] & 0xff) | (buf[i + 2 * c + 1] << 8)));
          if (s > max[c]) {
            max[c] = s;
          }
        }
        frame++;
      }
    }
    flush(peaks, max, bucket);
    return peaks;
  }

  private static void flush(float[][] peaks, int[] max, int bucket) {
    for (int c = 0; c < max.length; c++) {
      peaks[c][bucket] = Math.min(1f, max[c] / 32768f);
      max[c] = 0;
    }
  }
}

package org.atalaya.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atalaya.media.audio.G711;

/**
 * Raw µ-law files for sipp's rtp_stream, which sends them 160 bytes (one 20 ms packet) at a time.
 *
 * <p>A probe file's every frame starts with {@link #MARK} and a frame counter: the capture keeps
 * only packets with the mark (a BPF test on the first payload bytes, which Atalaya relays
 * unchanged between PCMU legs) and pairs each packet entering Atalaya with the one leaving by
 * the counter. Four bytes in 160 leave the tone detectable. Bulk files never start a frame with
 * the mark, so the capture sees the probes only.
 */
public final class ToneFile {
  static final int MARK = 0xABCD;
  private static final int FRAME = 160;

  private ToneFile() {}

  /** One second of {@code freq} Hz, looped by sipp. */
  static Path bulk(Path dir, double freq) throws IOException {
    byte[] out = tone(freq, 8000);
    for (int f = 0; f < out.length; f += FRAME) {
      if (((out[f] & 0xFF) << 8 | (out[f + 1] & 0xFF)) == MARK) {
        out[f + 1] ^= 1; // one sample a hair off: the frame no longer looks like a probe's
      }
    }
    Path file = dir.resolve("tone-" + (int) freq + ".ulaw");
    Files.write(file, out);
    return file;
  }

  /** A minute of {@code freq} Hz whose 3000 frames carry the mark and their number. */
  static Path probe(Path dir, double freq) throws IOException {
    int frames = 3000;
    byte[] out = tone(freq, frames * FRAME);
    for (int i = 0; i < frames; i++) {
      int f = i * FRAME;
      out[f] = (byte) (MARK >> 8);
      out[f + 1] = (byte) MARK;
      out[f + 2] = (byte) (i >> 8);
      out[f + 3] = (byte) i;
    }
    Path file = dir.resolve("probe-" + (int) freq + ".ulaw");
    Files.write(file, out);
    return file;
  }

  /** {@code samples} of a {@code freq} Hz sine, µ-law, about -12 dBFS: every bench peer's voice. */
  public static byte[] tone(double freq, int samples) {
    byte[] out = new byte[samples];
    for (int i = 0; i < samples; i++) {
      out[i] = G711.linearToUlaw((short) Math.round(8000 * Math.sin(2 * Math.PI * freq * i / 8000.0)));
    }
    return out;
  }
}

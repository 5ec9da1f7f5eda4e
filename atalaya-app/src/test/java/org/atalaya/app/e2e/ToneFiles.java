package org.atalaya.app.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.atalaya.media.audio.G711;

/** Raw G.711 tone files for sipp's rtp_stream: one second, looped by sipp. */
final class ToneFiles {
  private ToneFiles() {}

  /** Writes {@code freq} Hz as raw µ-law (pt 0) or A-law (pt 8) and returns the path. */
  static Path write(Path dir, double freq, int payloadType) throws IOException {
    byte[] out = new byte[8000];
    for (int i = 0; i < out.length; i++) {
      short s = (short) Math.round(8000 * Math.sin(2 * Math.PI * freq * i / 8000.0));
      out[i] = payloadType == 0 ? G711.linearToUlaw(s) : G711.linearToAlaw(s);
    }
    Path file = dir.resolve("tone-" + (int) freq + (payloadType == 0 ? ".ulaw" : ".alaw"));
    Files.write(file, out);
    return file;
  }

  /** Two tones at once, as an in-band DTMF key sounds (e.g. 697 + 1209 Hz for "1"). */
  static Path writeDual(Path dir, double f1, double f2, int payloadType) throws IOException {
    byte[] out = new byte[8000];
    for (int i = 0; i < out.length; i++) {
      short s = (short) Math.round(5000 * (Math.sin(2 * Math.PI * f1 * i / 8000.0) + Math.sin(2 * Math.PI * f2 * i / 8000.0)));
      out[i] = payloadType == 0 ? G711.linearToUlaw(s) : G711.linearToAlaw(s);
    }
    Path file = dir.resolve("dtmf-" + (int) f1 + "-" + (int) f2 + (payloadType == 0 ? ".ulaw" : ".alaw"));
    Files.write(file, out);
    return file;
  }
}

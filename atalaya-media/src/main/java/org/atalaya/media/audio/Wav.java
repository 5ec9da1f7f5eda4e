package org.atalaya.media.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads and writes the small subset of WAV Atalaya uses: 16-bit PCM, and its header. */
public final class Wav {
  public static final int HEADER_SIZE = 44;

  private Wav() {}

  /** A canonical 44-byte header for 16-bit PCM of {@code dataBytes} bytes. */
  public static byte[] header(int sampleRate, int channels, long dataBytes) {
    if (dataBytes < 0 || dataBytes > 0xFFFFFFFFL - 36) {
      throw new IllegalArgumentException("WAV data size out of range: " + dataBytes);
    }
    ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (36 + dataBytes));
    b.put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '}).putInt(16);
    b.putShort((short) 1).putShort((short) channels).putInt(sampleRate);
    b.putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
    b.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
    return b.array();
  }

  /** Audio read from a WAV file. */
  public record Pcm(int sampleRate, int channels, short[] samples) {
    /** Samples of one channel (0 = left). */
    public short[] channel(int index) {
      if (index < 0 || index >= channels) {
        throw new IllegalArgumentException("no channel " + index + " in " + channels + "-channel audio");
      }
      short[] out = new short[samples.length / channels];
      for (int i = 0; i < out.length; i++) {
        out[i] = samples[i * channels + index];
      }
      return out;
    }
  }

  /** Reads a 16-bit PCM WAV (any chunk order, extra chunks skipped). */
  public static Pcm read(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    if (all.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
      throw new IOException("not a RIFF/WAVE file");
    }
    int pos = 12;
    int rate = -1;
    int channels = -1;
    while (pos + 8 <= all.length) {
      int id = b.getInt(pos);
      long size = b.getInt(pos + 4) & 0xFFFFFFFFL;
      int body = pos + 8;
      if (id == 0x20746d66) { // "fmt "
        int format = b.getShort(body) & 0xffff;
        channels = b.getShort(body + 2);
        rate = b.getInt(body + 4);
        int bits = b.getShort(body + 14);
        if ((format != 1 && format != 0xFFFE) || bits != 16) {
          throw new IOException("only 16-bit PCM WAV is supported (format " + format + ", " + bits + " bits)");
        }
      } else if (id == 0x61746164) { // "data"
        if (rate < 0) {
          throw new IOException("WAV data chunk before fmt chunk");
        }
        long available = Math.min(size, all.length - body);
        short[] samples = new short[(int) (available / 2)];
        b.position(body);
        b.asShortBuffer().get(samples);
        return new Pcm(rate, channels, samples);
      }
      pos = (int) (body + size + (size & 1));
    }
    throw new IOException("WAV has no data chunk");
  }

  /** Writes 16-bit PCM as a complete WAV to a byte array (for tests and small prompts). */
  public static byte[] toBytes(int sampleRate, int channels, short[] samples) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER_SIZE + samples.length * 2);
    out.writeBytes(header(sampleRate, channels, samples.length * 2L));
    ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(samples);
    out.writeBytes(b.array());
    return out.toByteArray();
  }
}

package org.atalaya.web.audio;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Encodes raw PCM (16-bit little-endian signed, interleaved) to an Ogg/Opus stream (RFC 7845) as it arrives.
 *
 * <p>Concentus only encodes packets, so the Ogg framing is written here. Audio pages are emitted every second of
 * audio (50 packets of 20 ms), so a download starts at once and memory stays constant whatever the recording's
 * length. The last page carries EOS and a granule position that trims the padding of the last frame, so players
 * report the recording's exact duration.
 *
 * <p>Threading: not thread-safe; one thread writes and closes.
 */
public final class OggOpusWriter implements Closeable {
  /** Suggested bitrate for mono speech at 8 kHz. */
  public static final int MONO_BITRATE = 16_000;

  /** Suggested bitrate for stereo (customer left, agent right) at 8 kHz. */
  public static final int STEREO_BITRATE = 24_000;

  /**
   * Lowest stereo bitrate accepted. Below about 20 kbit/s Concentus codes only the mid signal even when stereo is
   * forced, and both channels come out as the same mix: measured with 440 Hz left and 1000 Hz right, 16 kbit/s gives
   * each channel half of each tone, 20 kbit/s keeps 98% apart.
   */
  public static final int STEREO_MIN_BITRATE = 20_000;

  private static final int GRANULE_RATE = 48_000;
  private static final int FRAMES_PER_SECOND = 50;
  private static final int PACKETS_PER_PAGE = FRAMES_PER_SECOND;
  // RFC 6716: a 20 ms frame is at most 1275 bytes; room to spare costs nothing.
  private static final int MAX_PACKET = 1500;
  private static final int MAX_SEGMENTS = 255;
  private static final int HEADER_LEN = 27;
  private static final byte FLAG_BOS = 0x02;
  private static final byte FLAG_EOS = 0x04;
  private static final int[] CRC_TABLE = crcTable();

  private final OutputStream out;
  private final int sampleRate;
  private final int channels;
  private final int serial;
  private final OpusEncoder encoder;
  private final int frameSamples;
  private final int preSkip;
  private final short[] frame;
  private final byte[] packet = new byte[MAX_PACKET];
  private final byte[] header = new byte[HEADER_LEN + MAX_SEGMENTS];
  private final byte[] body = new byte[MAX_SEGMENTS * 255];

  private int filled;
  private int pendingLowByte = -1;
  private long inputSamples;
  private long encodedFrames;
  private int pageSequence;
  private int segments;
  private int bodyLength;
  private int packetsOnPage;
  private boolean closed;

  /**
   * Starts a stream and writes its two header pages to {@code out} at once.
   *
   * @param sampleRate 8000, 12000, 16000, 24000 or 48000 Hz
   * @param channels 1 or 2 (interleaved)
   * @param bitrate bits per second, e.g. {@link #MONO_BITRATE} or {@link #STEREO_BITRATE}
   */
  public OggOpusWriter(OutputStream out, int sampleRate, int channels, int bitrate) throws IOException {
    this(out, sampleRate, channels, bitrate, ThreadLocalRandom.current().nextInt());
  }

  // A fixed serial makes the output byte-for-byte reproducible, which tests compare.
  OggOpusWriter(OutputStream out, int sampleRate, int channels, int bitrate, int serial) throws IOException {
    if (channels != 1 && channels != 2) {
      throw new IllegalArgumentException("channels must be 1 or 2: " + channels);
    }
    if (GRANULE_RATE % sampleRate != 0 || sampleRate < 8000) {
      throw new IllegalArgumentException("Opus takes 8000, 12000, 16000, 24000 or 48000 Hz: " + sampleRate);
    }
    if (channels == 2 && bitrate < STEREO_MIN_BITRATE) {
      throw new IllegalArgumentException("stereo below " + STEREO_MIN_BITRATE + " bit/s would mix customer and agent");
    }
    this.out = out;
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.serial = serial;
    try {
      encoder = new OpusEncoder(sampleRate, channels, OpusApplication.OPUS_APPLICATION_VOIP);
    } catch (OpusException e) {
      throw new IllegalArgumentException("Opus encoder refused " + sampleRate + " Hz x " + channels, e);
    }
    encoder.setBitrate(bitrate);
    encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
    // Left and right are different people: without forcing, the encoder downmixes to mono at 24 kbit/s (measured).
    encoder.setForceChannels(channels);
    frameSamples = sampleRate / FRAMES_PER_SECOND;
    frame = new short[frameSamples * channels];
    // The decoder outputs the encoder's lookahead before the first real sample; RFC 7845 counts it at 48 kHz.
    preSkip = encoder.getLookahead() * (GRANULE_RATE / sampleRate);
    writeHeaders();
  }

  /** The suggested bitrate for a channel count: {@link #MONO_BITRATE} or {@link #STEREO_BITRATE}. */
  public static int defaultBitrate(int channels) {
    return channels == 2 ? STEREO_BITRATE : MONO_BITRATE;
  }

  /**
   * Encodes all of {@code pcm} to {@code out} at {@link #defaultBitrate}, then writes the last page. Closes neither
   * stream.
   */
  public static void encode(InputStream pcm, OutputStream out, int sampleRate, int channels) throws IOException {
    OggOpusWriter writer = new OggOpusWriter(out, sampleRate, channels, defaultBitrate(channels));
    byte[] buffer = new byte[16 * 1024];
    for (int n; (n = pcm.read(buffer)) != -1; ) {
      writer.write(buffer, 0, n);
    }
    writer.close();
  }

  /** The pre-skip written in OpusHead, in 48 kHz samples. */
  public int preSkip() {
    return preSkip;
  }

  /** Takes PCM bytes in chunks of any size; a sample or frame split across calls is completed by the next. */
  public void write(byte[] pcm, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("OggOpusWriter is closed");
    }
    Objects.checkFromIndexSize(off, len, pcm.length);
    int i = off;
    int end = off + len;
    if (pendingLowByte >= 0 && i < end) {
      addSample((short) (pendingLowByte | (pcm[i++] << 8)));
      pendingLowByte = -1;
    }
    for (; i + 1 < end; i += 2) {
      addSample((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8)));
    }
    if (i < end) {
      pendingLowByte = pcm[i] & 0xff;
    }
  }

  /**
   * Pads and encodes the last frame, then writes the final page with EOS and flushes {@code out}, which stays open.
   * A trailing odd byte (half a sample) is dropped. Calling it again does nothing.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    long totalSamples = inputSamples + filled / channels;
    // The decoder lags by the lookahead: keep encoding silence until every real sample has come out.
    long neededFrames = Math.ceilDiv(totalSamples + encoder.getLookahead(), frameSamples);
    while (encodedFrames < neededFrames) {
      Arrays.fill(frame, filled, frame.length, (short) 0);
      filled = frame.length;
      encodeFrame();
    }
    // A granule below what the packets decode tells the player to trim the padding (RFC 7845 section 4.5).
    long granule = preSkip + totalSamples * (GRANULE_RATE / sampleRate);
    writePage(granule, FLAG_EOS);
    out.flush();
  }

  private void addSample(short s) throws IOException {
    frame[filled++] = s;
    if (filled == frame.length) {
      inputSamples += frameSamples;
      encodeFrame();
    }
  }

  private void encodeFrame() throws IOException {
    int len;
    try {
      len = encoder.encode(frame, 0, frameSamples, packet, 0, packet.length);
    } catch (OpusException e) {
      throw new IOException("Opus encoding failed", e);
    }
    filled = 0;
    encodedFrames++;
    // A full page goes out only when the next packet arrives, so close() always has packets left for the EOS page
    // (an empty last page could not carry the end trimming).
    if (packetsOnPage == PACKETS_PER_PAGE || segments + len / 255 + 1 > MAX_SEGMENTS) {
      // Every sample the page's packets decode to, pre-skip included (RFC 7845 section 4).
      writePage((encodedFrames - 1) * frameSamples * (GRANULE_RATE / sampleRate), (byte) 0);
    }
    appendPacket(packet, len);
  }

  private void writeHeaders() throws IOException {
    byte[] head = new byte[19];
    System.arraycopy("OpusHead".getBytes(StandardCharsets.US_ASCII), 0, head, 0, 8);
    head[8] = 1;
    head[9] = (byte) channels;
    putLe(head, 10, preSkip, 2);
    putLe(head, 12, sampleRate, 4);
    // Output gain 0 (bytes 16-17) and channel mapping family 0 (byte 18): mono or stereo, no mapping table.
    appendPacket(head, head.length);
    writePage(0, FLAG_BOS);

    byte[] vendor = "Atalaya".getBytes(StandardCharsets.UTF_8);
    byte[] tags = new byte[8 + 4 + vendor.length + 4];
    System.arraycopy("OpusTags".getBytes(StandardCharsets.US_ASCII), 0, tags, 0, 8);
    putLe(tags, 8, vendor.length, 4);
    System.arraycopy(vendor, 0, tags, 12, vendor.length);
    // User comment count 0 (the last four bytes).
    appendPacket(tags, tags.length);
    writePage(0, (byte) 0);
  }

  private void appendPacket(byte[] data, int len) {
    // Lacing: 255 means "the packet goes on"; a final value below 255 (possibly 0) ends it.
    for (int left = len; ; left -= 255) {
      header[HEADER_LEN + segments++] = (byte) Math.min(left, 255);
      if (left < 255) {
        break;
      }
    }
    System.arraycopy(data, 0, body, bodyLength, len);
    bodyLength += len;
    packetsOnPage++;
  }

  private void writePage(long granule, byte flags) throws IOException {
    if (pageSequence == 0) {
      flags |= FLAG_BOS;
    }
    header[0] = 'O';
    header[1] = 'g';
    header[2] = 'g';
    header[3] = 'S';
    header[4] = 0;
    header[5] = flags;
    putLe(header, 6, granule, 8);
    putLe(header, 14, serial, 4);
    putLe(header, 18, pageSequence++, 4);
    putLe(header, 22, 0, 4);
    header[26] = (byte) segments;
    int headerLength = HEADER_LEN + segments;
    int crc = crc(0, header, 0, headerLength);
    crc = crc(crc, body, 0, bodyLength);
    putLe(header, 22, crc, 4);
    out.write(header, 0, headerLength);
    out.write(body, 0, bodyLength);
    segments = 0;
    bodyLength = 0;
    packetsOnPage = 0;
  }

  private static void putLe(byte[] b, int off, long v, int bytes) {
    for (int i = 0; i < bytes; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }

  // Ogg's CRC-32: polynomial 0x04C11DB7, MSB first (not reflected), initial value 0, no final XOR.
  static int crc(int crc, byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b[i]) & 0xff];
    }
    return crc;
  }

  private static int[] crcTable() {
    int[] table = new int[256];
    for (int i = 0; i < 256; i++) {
      int r = i << 24;
      for (int k = 0; k < 8; k++) {
        r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
      }
      table[i] = r;
    }
    return table;
  }
}

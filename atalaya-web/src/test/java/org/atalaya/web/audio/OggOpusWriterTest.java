package org.atalaya.web.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jaredmdobson.concentus.OpusDecoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.atalaya.media.audio.Goertzel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ogg/Opus export: the framing is parsed back page by page and the audio decoded and checked by its tones. */
class OggOpusWriterTest {
  private static final int RATE = 8000;
  private static final int CUSTOMER_HZ = 440;
  private static final int AGENT_HZ = 1000;
  private static final int SERIAL = 0x5eed;

  @Test
  void oggCrcMatchesTheReferenceCheckValue() {
    // CRC-32/CKSUM of "123456789" is 0x765E7680 with a final XOR; Ogg's CRC is the same without it.
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(OggPages.crc(check)).isEqualTo(~0x765E7680);
    assertThat(OggOpusWriter.crc(0, check, 0, check.length)).isEqualTo(~0x765E7680);
  }

  @Test
  void stereoKeepsEachPartyOnItsOwnChannel() throws Exception {
    byte[] pcm = tones(3.0, CUSTOMER_HZ, AGENT_HZ);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OggOpusWriter writer = new OggOpusWriter(out, RATE, 2, OggOpusWriter.STEREO_BITRATE);
    writer.write(pcm, 0, pcm.length);
    writer.close();
    int preSkip = writer.preSkip();

    OggPages ogg = OggPages.parse(out.toByteArray());
    assertFraming(ogg, 2, preSkip, 3 * RATE);

    short[][] lr = split(decode(ogg, 2), 2);
    int skip = preSkip / (48_000 / RATE);
    assertThat(lr[0].length - skip).isBetween(3 * RATE, 3 * RATE + RATE / 50);
    short[] left = middle(lr[0], skip, 3 * RATE);
    short[] right = middle(lr[1], skip, 3 * RATE);
    assertThat(Goertzel.share(left, RATE, CUSTOMER_HZ)).isGreaterThan(0.8);
    assertThat(Goertzel.share(left, RATE, AGENT_HZ)).isLessThan(0.05);
    assertThat(Goertzel.share(right, RATE, AGENT_HZ)).isGreaterThan(0.8);
    assertThat(Goertzel.share(right, RATE, CUSTOMER_HZ)).isLessThan(0.05);
    // Level survives too: the tones are written at RMS ~5657.
    assertThat(Goertzel.rms(left)).isBetween(4000.0, 7500.0);
    assertThat(Goertzel.rms(right)).isBetween(4000.0, 7500.0);
  }

  @Test
  void monoThroughTheStaticEncode() throws Exception {
    byte[] pcm = tones(2.0, AGENT_HZ);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OggOpusWriter.encode(new ByteArrayInputStream(pcm), out, RATE, 1);

    OggPages ogg = OggPages.parse(out.toByteArray());
    int preSkip = ByteBuffer.wrap(ogg.pages().get(0).packets().get(0)).order(ByteOrder.LITTLE_ENDIAN).getShort(10);
    assertFraming(ogg, 1, preSkip, 2 * RATE);
    short[] mono = decode(ogg, 1);
    int skip = preSkip / (48_000 / RATE);
    assertThat(mono.length - skip).isBetween(2 * RATE, 2 * RATE + RATE / 50);
    short[] audio = middle(mono, skip, 2 * RATE);
    assertThat(Goertzel.share(audio, RATE, AGENT_HZ)).isGreaterThan(0.8);
    assertThat(Goertzel.share(audio, RATE, CUSTOMER_HZ)).isLessThan(0.05);
  }

  @Test
  void chunkSizeDoesNotChangeABit() throws Exception {
    byte[] pcm = tones(3.0, CUSTOMER_HZ, AGENT_HZ);
    byte[] whole = encodeInChunks(pcm, pcm.length);
    for (int chunk : new int[] {1, 7, 333, 641, 4096}) {
      byte[] chunked = encodeInChunks(pcm, chunk);
      assertThat(chunked).as("chunks of %d bytes", chunk).isEqualTo(whole);
    }
    OggPages ogg = OggPages.parse(encodeInChunks(pcm, 7));
    assertThat(split(decode(ogg, 2), 2)[0].length).isGreaterThan(3 * RATE);
  }

  @Test
  void muchSmallerThanWav() throws Exception {
    byte[] stereo = tones(3.0, CUSTOMER_HZ, AGENT_HZ);
    byte[] mono = tones(3.0, CUSTOMER_HZ);
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    OggOpusWriter.encode(new ByteArrayInputStream(stereo), s, RATE, 2);
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    OggOpusWriter.encode(new ByteArrayInputStream(mono), m, RATE, 1);
    double stereoRatio = (44.0 + stereo.length) / s.size();
    double monoRatio = (44.0 + mono.length) / m.size();
    System.out.printf("Ogg/Opus 3 s: stereo %d bytes (WAV/Opus %.1f), mono %d bytes (WAV/Opus %.1f)%n",
        s.size(), stereoRatio, m.size(), monoRatio);
    assertThat(stereoRatio).isGreaterThan(8);
    assertThat(monoRatio).isGreaterThan(8);
  }

  @Test
  void emptyInputIsStillAValidStream() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OggOpusWriter writer = new OggOpusWriter(out, RATE, 1, OggOpusWriter.MONO_BITRATE);
    writer.close();
    writer.close();
    OggPages ogg = OggPages.parse(out.toByteArray());
    assertFraming(ogg, 1, writer.preSkip(), 0);
    assertThatThrownBy(() -> writer.write(new byte[2], 0, 2)).isInstanceOf(IOException.class);
  }

  @Test
  void refusesAStereoBitrateThatWouldMixTheParties() {
    assertThatThrownBy(() -> new OggOpusWriter(new ByteArrayOutputStream(), RATE, 2, 16_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mix");
    assertThatThrownBy(() -> new OggOpusWriter(new ByteArrayOutputStream(), 44_100, 1, 16_000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OggOpusWriter(new ByteArrayOutputStream(), RATE, 3, 32_000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theWriterDoesNotCloseTheStream() throws Exception {
    boolean[] closed = {false};
    ByteArrayOutputStream out = new ByteArrayOutputStream() {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    OggOpusWriter.encode(new ByteArrayInputStream(tones(0.5, CUSTOMER_HZ)), out, RATE, 1);
    assertThat(closed[0]).isFalse();
  }

  @Test
  void opusToolsAcceptTheFile(@TempDir Path dir) throws Exception {
    boolean installed = Files.isExecutable(Path.of("/usr/bin/opusinfo")) && Files.isExecutable(Path.of("/usr/bin/opusdec"));
    // scripts/test.sh installs opus-tools: in CI a missing peer is a broken set-up, not a skip.
    if ("true".equals(System.getenv("CI"))) {
      assertThat(installed).as("opus-tools (opusinfo, opusdec) installed by scripts/test.sh").isTrue();
    }
    Assumptions.assumeTrue(installed, "opus-tools not installed (scripts/test.sh installs it)");
    Path file = dir.resolve("call.opus");
    Files.write(file, encodeInChunks(tones(3.0, CUSTOMER_HZ, AGENT_HZ), 333));

    String info = run(dir, "opusinfo", file.toString());
    assertThat(info).contains("Channels: 2").contains("Original sample rate: 8000 Hz").contains("Playback length: 0m:03.000s")
        .doesNotContainIgnoringCase("warning").doesNotContainIgnoringCase("error");

    // opusdec applies pre-skip and the end trimming of the last granule: exactly 3 s must come out.
    Path wav = dir.resolve("call.wav");
    run(dir, "opusdec", "--rate", "8000", file.toString(), wav.toString());
    byte[] decoded = Files.readAllBytes(wav);
    int dataBytes = decoded.length - 44;
    assertThat(dataBytes).isEqualTo(3 * RATE * 2 * 2);
  }

  private static void assertFraming(OggPages ogg, int channels, int preSkip, int inputSamples) {
    List<OggPages.Page> pages = ogg.pages();
    assertThat(pages.size()).isGreaterThanOrEqualTo(3);
    for (int i = 0; i < pages.size(); i++) {
      OggPages.Page p = pages.get(i);
      assertThat(p.sequence()).as("sequence").isEqualTo(i);
      assertThat(p.serial()).as("serial").isEqualTo(pages.get(0).serial());
      int expected = (i == 0 ? OggPages.BOS : 0) | (i == pages.size() - 1 ? OggPages.EOS : 0);
      assertThat(p.flags()).as("flags of page %d", i).isEqualTo(expected);
    }

    // RFC 7845: OpusHead alone on the first page, OpusTags alone on the second, both with granule 0.
    assertThat(pages.get(0).packets()).hasSize(1);
    assertThat(pages.get(0).granule()).isZero();
    ByteBuffer head = ByteBuffer.wrap(pages.get(0).packets().get(0)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(head.limit()).isEqualTo(19);
    assertThat(new String(head.array(), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("OpusHead");
    assertThat(head.get(8)).as("version").isEqualTo((byte) 1);
    assertThat(head.get(9)).as("channels").isEqualTo((byte) channels);
    assertThat(head.getShort(10) & 0xffff).as("pre-skip").isEqualTo(preSkip).isBetween(1, 48_000 / 10);
    assertThat(head.getInt(12)).as("input rate").isEqualTo(RATE);
    assertThat(head.getShort(16)).as("gain").isZero();
    assertThat(head.get(18)).as("mapping family").isZero();
    assertThat(pages.get(1).packets()).hasSize(1);
    assertThat(pages.get(1).granule()).isZero();
    ByteBuffer tags = ByteBuffer.wrap(pages.get(1).packets().get(0)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new String(tags.array(), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("OpusTags");
    int vendorLength = tags.getInt(8);
    assertThat(new String(tags.array(), 12, vendorLength, StandardCharsets.UTF_8)).isEqualTo("Atalaya");
    assertThat(tags.getInt(12 + vendorLength)).as("comments").isZero();
    assertThat(tags.limit()).isEqualTo(16 + vendorLength);

    // Audio pages: at most a second each; granule = 48 kHz samples decoded so far; the last trims the padding.
    long packets = 0;
    long previous = 0;
    for (int i = 2; i < pages.size(); i++) {
      OggPages.Page p = pages.get(i);
      assertThat(p.packets()).as("packets on page %d", i).isNotEmpty().hasSizeLessThanOrEqualTo(50);
      packets += p.packets().size();
      assertThat(p.granule()).as("granule of page %d", i).isGreaterThan(previous);
      if (i < pages.size() - 1) {
        assertThat(p.granule()).isEqualTo(packets * 960);
      } else {
        assertThat(p.granule()).isEqualTo(preSkip + inputSamples * (48_000L / RATE)).isLessThanOrEqualTo(packets * 960);
      }
      previous = p.granule();
    }
    // Enough packets that the lookahead's worth of real audio comes out, and not a frame more.
    long samples48 = inputSamples * (48_000L / RATE) + preSkip;
    assertThat(packets).isEqualTo((samples48 + 959) / 960);
  }

  static short[] decode(OggPages ogg, int channels) throws Exception {
    OpusDecoder decoder = new OpusDecoder(RATE, channels);
    short[] frame = new short[RATE / 50 * 6 * channels];
    short[] all = new short[0];
    for (byte[] packet : ogg.audioPackets()) {
      int n = decoder.decode(packet, 0, packet.length, frame, 0, RATE / 50 * 6, false);
      assertThat(n).as("samples per packet").isEqualTo(RATE / 50);
      int at = all.length;
      all = Arrays.copyOf(all, at + n * channels);
      System.arraycopy(frame, 0, all, at, n * channels);
    }
    return all;
  }

  private static byte[] encodeInChunks(byte[] pcm, int chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OggOpusWriter writer = new OggOpusWriter(out, RATE, 2, OggOpusWriter.STEREO_BITRATE, SERIAL)) {
      for (int off = 0; off < pcm.length; off += chunk) {
        writer.write(pcm, off, Math.min(chunk, pcm.length - off));
      }
    }
    return out.toByteArray();
  }

  /** A tone per channel, interleaved 16-bit little-endian, amplitude 8000. */
  private static byte[] tones(double seconds, int... hz) {
    int n = (int) Math.round(seconds * RATE);
    ByteBuffer b = ByteBuffer.allocate(n * hz.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      for (int f : hz) {
        b.putShort((short) Math.round(8000 * Math.sin(2 * Math.PI * f * i / RATE)));
      }
    }
    return b.array();
  }

  static short[][] split(short[] interleaved, int channels) {
    short[][] out = new short[channels][interleaved.length / channels];
    for (int i = 0; i < interleaved.length; i++) {
      out[i % channels][i / channels] = interleaved[i];
    }
    return out;
  }

  // The real audio after pre-skip, less 100 ms at each end where the codec ramps up and down.
  private static short[] middle(short[] channel, int skip, int samples) {
    return Arrays.copyOfRange(channel, skip + RATE / 10, skip + samples - RATE / 10);
  }

  private static String run(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
    return output;
  }
}

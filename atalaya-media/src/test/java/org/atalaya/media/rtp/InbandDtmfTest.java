package org.atalaya.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.atalaya.media.Codec;
import org.atalaya.media.Direction;
import org.atalaya.media.MediaConfig;
import org.atalaya.media.RemoteMedia;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.media.audio.G711;
import org.junit.jupiter.api.Test;

/**
 * In-band DTMF through a real socket: a phone on loopback sends G.711 RTP carrying touch tones,
 * as gateways without RFC 4733 do, and the endpoint's listener hears the keys.
 */
class InbandDtmfTest {
  private static final InetAddress LO = InetAddress.getLoopbackAddress();

  @Test
  void keysInTheAudioReachTheDtmfListenerInOrder() throws Exception {
    try (NioMediaEngine engine = engine(); Phone phone = new Phone(Codec.PCMA)) {
      RtpEndpoint leg = engine.open(this);
      List<String> digits = listen(leg, phone);
      leg.detectInbandDtmf(true);

      phone.silence(3).key('5', 5).silence(5).key('#', 6);
      // Nothing after '#', as a phone with voice activity detection: the media clock ends it.
      await().atMost(Duration.ofSeconds(3)).until(() -> digits.size() >= 2);
      assertThat(digits).hasSize(2);
      assertThat(digits.get(0)).startsWith("5/");
      assertThat(digits.get(1)).startsWith("#/");
      assertThat(millis(digits.get(0))).isBetween(70, 130);
      assertThat(millis(digits.get(1))).isBetween(90, 150);
      assertThat(leg.counters().inbandDtmfEvents()).isEqualTo(2);
      assertThat(leg.counters().dtmfEvents()).isZero();
    }
  }

  @Test
  void aLostPacketIsScannedAsTheSilenceItLeaves() throws Exception {
    try (NioMediaEngine engine = engine(); Phone phone = new Phone(Codec.PCMU)) {
      RtpEndpoint leg = engine.open(this);
      List<String> digits = listen(leg, phone);
      leg.detectInbandDtmf(true);

      // A packet lost inside a press does not split it; one lost in the 40 ms between two
      // presses does not merge them, as it would if the stream just closed over the hole.
      phone.silence(3).key('8', 3).lose(1).key('8', 3).silence(1).lose(1).key('8', 5).silence(5);
      await().atMost(Duration.ofSeconds(3)).until(() -> digits.size() >= 2);
      Thread.sleep(100);
      assertThat(digits).extracting(d -> d.charAt(0)).containsExactly('8', '8');
      assertThat(millis(digits.get(0))).isBetween(110, 170);
    }
  }

  @Test
  void detectionIsOffUntilAskedFor() throws Exception {
    try (NioMediaEngine engine = engine(); Phone phone = new Phone(Codec.PCMU)) {
      RtpEndpoint leg = engine.open(this);
      List<String> digits = listen(leg, phone);

      phone.silence(3).key('5', 5).silence(5).key('#', 5).silence(5);
      handled(leg, phone.sent);
      leg.detectInbandDtmf(true);
      phone.key('7', 5).silence(5);
      // '7' is scanned after the earlier keys on the same loop, so by now they would have come.
      await().atMost(Duration.ofSeconds(3)).until(() -> !digits.isEmpty());
      Thread.sleep(100);
      assertThat(digits).hasSize(1);
      assertThat(digits.get(0)).startsWith("7/");
      assertThat(leg.counters().inbandDtmfEvents()).isEqualTo(1);
    }
  }

  @Test
  void onceThePhoneSendsRfc4733ItsTonesInTheAudioAreIgnoredForTheRestOfTheCall() throws Exception {
    try (NioMediaEngine engine = engine(); Phone phone = new Phone(Codec.PCMU)) {
      RtpEndpoint leg = engine.open(this);
      List<String> digits = listen(leg, phone);
      leg.detectInbandDtmf(true);

      // Like many phones, it sends each key both ways: events, and the tone left in the audio.
      // The first key is held 2.2 s, past the point where the in-band detector reports a tone
      // still on: only a rule that acts on the first event packet keeps it from counting twice.
      phone.silence(3).keyBothWays('1', 110).silence(5).keyBothWays('5', 6).silence(5);
      phone.key('9', 6).silence(5); // then a key only in the audio: still ignored
      phone.event('0', 1, true); // a barrier: it is handled after everything above
      await().atMost(Duration.ofSeconds(3)).until(() -> digits.size() >= 3);
      Thread.sleep(100);
      assertThat(digits).extracting(d -> d.charAt(0)).containsExactly('1', '5', '0');
      assertThat(leg.counters().dtmfEvents()).isEqualTo(3);
      assertThat(leg.counters().inbandDtmfEvents()).isZero();
    }
  }

  private static NioMediaEngine engine() {
    return new NioMediaEngine(new MediaConfig(LO, LO, 41700, 41799, 1));
  }

  private static List<String> listen(RtpEndpoint leg, Phone phone) throws Exception {
    leg.configure(new RemoteMedia(phone.address(), phone.codec, 101, Direction.SENDRECV));
    phone.to = leg.localAddress();
    List<String> digits = new CopyOnWriteArrayList<>();
    leg.onDtmf((digit, ms) -> digits.add(digit + "/" + ms));
    return digits;
  }

  /** Waits until the endpoint's loop has handled {@code packets} packets, to the end. */
  private static void handled(RtpEndpoint leg, int packets) throws Exception {
    await().atMost(Duration.ofSeconds(3)).until(() -> leg.counters().packetsIn() >= packets);
    CompletableFuture<Void> barrier = new CompletableFuture<>();
    ((NioRtpEndpoint) leg).loop.execute(() -> barrier.complete(null));
    barrier.get(3, TimeUnit.SECONDS);
  }

  private static int millis(String digit) {
    return Integer.parseInt(digit.substring(2));
  }

  /** A far phone: 20 ms G.711 frames with a running timestamp, and RFC 4733 events on type 101. */
  private static final class Phone implements AutoCloseable {
    private static final String KEYS = "123A456B789C*0#D";
    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};
    final Codec codec;
    final DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress(LO, 0));
    InetSocketAddress to;
    private int seq = 1;
    private long ts = 16000;
    private long sample;
    int sent;

    Phone(Codec codec) throws Exception {
      this.codec = codec;
    }

    InetSocketAddress address() throws Exception {
      return (InetSocketAddress) ch.getLocalAddress();
    }

    Phone silence(int frames) throws Exception {
      for (int i = 0; i < frames; i++) {
        audio(0, 0);
      }
      return this;
    }

    /** {@code frames} frames of the key's two tones, each 7 dB below 0 dBm0. */
    Phone key(char key, int frames) throws Exception {
      int k = KEYS.indexOf(key);
      for (int i = 0; i < frames; i++) {
        audio(ROWS[k / 4], COLUMNS[k % 4]);
      }
      return this;
    }

    /** {@code frames} frames the network loses: numbered and timed, never sent. */
    Phone lose(int frames) {
      seq += frames;
      ts += 160L * frames;
      sample += 160L * frames;
      return this;
    }

    /** The key as a phone that signals twice: a start event, the tone with updates, three ends. */
    Phone keyBothWays(char key, int frames) throws Exception {
      long start = ts;
      for (int i = 0; i < frames; i++) {
        event(key, start, i == 0, false, 160 * (i + 1));
        key(key, 1);
      }
      for (int i = 0; i < 3; i++) {
        event(key, start, false, true, 160 * frames);
      }
      return this;
    }

    void event(char key, int frames, boolean end) throws Exception {
      long start = ts;
      event(key, start, true, false, 160);
      event(key, start, false, end, 160 * frames);
      ts += 160L * frames;
    }

    private void event(char key, long start, boolean marker, boolean end, int duration) throws Exception {
      byte[] p = new byte[16];
      Rtp.writeHeader(p, marker, 101, seq++, start, 0x5151);
      p[12] = (byte) "0123456789*#ABCD".indexOf(key);
      p[13] = (byte) (end ? 0x8a : 0x0a);
      p[14] = (byte) (duration >> 8);
      p[15] = (byte) duration;
      send(p);
    }

    private void audio(double row, double column) throws Exception {
      byte[] p = new byte[12 + 160];
      Rtp.writeHeader(p, false, codec.payloadType(), seq++, ts, 0x5151);
      double amplitude = 22800 * Math.pow(10, -7 / 20.0);
      for (int i = 0; i < 160; i++, sample++) {
        double t = sample / 8000.0;
        double v = Math.sin(2 * Math.PI * row * t) + Math.sin(2 * Math.PI * column * t);
        short s = (short) Math.round(amplitude * v);
        p[12 + i] = codec == Codec.PCMU ? G711.linearToUlaw(s) : G711.linearToAlaw(s);
      }
      send(p);
      ts += 160;
    }

    /**
     * Faster than real time, but in small bursts: a few hundred datagrams at once can overflow
     * the endpoint's socket buffer on a loaded machine, and a lost packet is not what these
     * tests are about.
     */
    private void send(byte[] p) throws Exception {
      ch.send(ByteBuffer.wrap(p), to);
      if (++sent % 8 == 0) {
        Thread.sleep(2);
      }
    }

    @Override
    public void close() throws Exception {
      ch.close();
    }
  }
}

package org.atalaya.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.atalaya.media.Codec;
import org.atalaya.media.Direction;
import org.atalaya.media.MediaConfig;
import org.atalaya.media.RemoteMedia;
import org.atalaya.media.RtpEndpoint;
import org.junit.jupiter.api.Test;

/**
 * RFC 4733 through a bridge: a caller using payload type 101 sends digit 5 the way phones do
 * (start, updates, three end packets); Atalaya reports it once and relays it to an agent that
 * negotiated payload type 96.
 */
class DtmfRelayTest {
  private static final InetAddress LO = InetAddress.getLoopbackAddress();

  @Test
  void aDigitIsDetectedOnceAndRelayedWithThePeersPayloadType() throws Exception {
    try (NioMediaEngine engine = new NioMediaEngine(new MediaConfig(LO, LO, 41300, 41399, 1));
        DatagramChannel caller = DatagramChannel.open().bind(new InetSocketAddress(LO, 0));
        DatagramChannel agent = DatagramChannel.open().bind(new InetSocketAddress(LO, 0))) {
      RtpEndpoint a = engine.open(this);
      RtpEndpoint b = engine.open(this);
      a.configure(new RemoteMedia((InetSocketAddress) caller.getLocalAddress(), Codec.PCMU, 101, Direction.SENDRECV));
      b.configure(new RemoteMedia((InetSocketAddress) agent.getLocalAddress(), Codec.PCMA, 96, Direction.SENDRECV));
      List<String> digits = new CopyOnWriteArrayList<>();
      a.onDtmf((digit, ms) -> digits.add(digit + "/" + ms));
      engine.bridge(a, b);
      Thread.sleep(50);

      long ts = 8000;
      int seq = 100;
      int[] durations = {160, 320, 480, 800, 800, 800};
      for (int i = 0; i < durations.length; i++) {
        boolean end = i >= 3;
        byte[] p = new byte[16];
        Rtp.writeHeader(p, i == 0, 101, seq++, ts, 0xABCD);
        p[12] = 5;
        p[13] = (byte) (end ? 0x8a : 0x0a);
        p[14] = (byte) (durations[i] >> 8);
        p[15] = (byte) durations[i];
        caller.send(ByteBuffer.wrap(p), a.localAddress());
        Thread.sleep(20);
      }

      await().atMost(Duration.ofSeconds(2)).until(() -> !digits.isEmpty());
      Thread.sleep(100);
      assertThat(digits).containsExactly("5/100");
      assertThat(a.counters().dtmfEvents()).isEqualTo(1);

      agent.configureBlocking(false);
      ByteBuffer buf = ByteBuffer.allocate(100);
      int relayed = 0;
      while (agent.receive(buf) != null) {
        assertThat(buf.get(1) & 0x7f).as("relayed with the agent's telephone-event type").isEqualTo(96);
        assertThat(buf.get(12)).isEqualTo((byte) 5);
        relayed++;
        buf.clear();
      }
      assertThat(relayed).isEqualTo(durations.length);
    }
  }
}

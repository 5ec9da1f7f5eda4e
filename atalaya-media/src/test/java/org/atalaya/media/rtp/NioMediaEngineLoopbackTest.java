package org.atalaya.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.atalaya.media.Bridge;
import org.atalaya.media.Codec;
import org.atalaya.media.Direction;
import org.atalaya.media.MediaConfig;
import org.atalaya.media.RecordingResult;
import org.atalaya.media.RecordingSink;
import org.atalaya.media.RecordingTap;
import org.atalaya.media.RemoteMedia;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.media.audio.G711;
import org.atalaya.media.audio.Goertzel;
import org.junit.jupiter.api.Test;

/**
 * Two real UDP parties on loopback talk through a bridge: a PCMU caller at 440 Hz and a PCMA
 * agent at 1000 Hz. Each must hear only the other, transcoded, and the recording must hold the
 * caller left and the agent right.
 */
class NioMediaEngineLoopbackTest {
  private static final InetAddress LO = InetAddress.getLoopbackAddress();

  @Test
  void bridgedPartiesHearEachOtherTranscodedAndTheRecordingIsStereo() throws Exception {
    try (NioMediaEngine engine = new NioMediaEngine(new MediaConfig(LO, LO, 41000, 41099, 1));
        LoopbackParty caller = new LoopbackParty(Codec.PCMU, 440);
        LoopbackParty agent = new LoopbackParty(Codec.PCMA, 1000)) {
      Object call = new Object();
      RtpEndpoint a = engine.open(call);
      RtpEndpoint b = engine.open(call);
      a.configure(new RemoteMedia(caller.address(), Codec.PCMU, 101, Direction.SENDRECV));
      b.configure(new RemoteMedia(agent.address(), Codec.PCMA, 101, Direction.SENDRECV));
      Bridge bridge = engine.bridge(a, b);
      MemorySink sink = new MemorySink();
      RecordingTap tap = bridge.record(sink);

      long start = System.nanoTime();
      for (int i = 0; i < 100; i++) { // 2 s of 20 ms packets, paced in real time
        caller.sendFrame(a.localAddress(), i);
        agent.sendFrame(b.localAddress(), i);
        long due = start + (i + 1) * 20_000_000L;
        while (System.nanoTime() < due) {
          Thread.sleep(1);
        }
      }
      Thread.sleep(200);
      RecordingResult result = tap.stop();
      bridge.close();

      short[] callerHeard = caller.heard();
      short[] agentHeard = agent.heard();
      assertThat(Goertzel.detects(callerHeard, 8000, 1000)).isTrue();
      assertThat(Goertzel.detects(callerHeard, 8000, 440)).isFalse();
      assertThat(Goertzel.detects(agentHeard, 8000, 440)).isTrue();
      assertThat(Goertzel.detects(agentHeard, 8000, 1000)).isFalse();
      assertThat(caller.payloadTypes).containsOnly(0);
      assertThat(agent.payloadTypes).containsOnly(8);

      assertThat(result.frames()).isBetween(90L, 130L);
      short[] stereo = sink.samples();
      short[] left = new short[stereo.length / 2];
      short[] right = new short[stereo.length / 2];
      for (int i = 0; i < left.length; i++) {
        left[i] = stereo[2 * i];
        right[i] = stereo[2 * i + 1];
      }
      assertThat(Goertzel.detects(left, 8000, 440)).isTrue();
      assertThat(Goertzel.detects(left, 8000, 1000)).isFalse();
      assertThat(Goertzel.detects(right, 8000, 1000)).isTrue();
      assertThat(Goertzel.detects(right, 8000, 440)).isFalse();
      assertThat(a.counters().packetsIn()).isEqualTo(100);
      assertThat(b.counters().packetsOut()).isGreaterThanOrEqualTo(95);

      a.close();
      b.close();
      await().atMost(Duration.ofSeconds(2)).until(() -> engine.openEndpoints() == 0);
    }
  }

  @Test
  void aPromptIsPlayedAndItsEndIsReported() throws Exception {
    try (NioMediaEngine engine = new NioMediaEngine(new MediaConfig(LO, LO, 41100, 41199, 1));
        LoopbackParty caller = new LoopbackParty(Codec.PCMA, 440)) {
      RtpEndpoint a = engine.open(this);
      a.configure(new RemoteMedia(caller.address(), Codec.PCMA, -1, Direction.SENDRECV));
      short[] tone = new short[8000];
      for (int i = 0; i < tone.length; i++) {
        tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 700 * i / 8000.0));
      }
      List<String> done = new CopyOnWriteArrayList<>();
      a.play(tone, () -> done.add("done"));
      await().atMost(Duration.ofSeconds(3)).until(() -> !done.isEmpty());
      Thread.sleep(100);
      assertThat(Goertzel.detects(caller.heard(), 8000, 700)).isTrue();
      assertThat(caller.heard().length).isBetween(7680, 8320);
      a.close();
    }
  }

  @Test
  void openingAndClosingManyEndpointsLeavesNoPortBehind() throws Exception {
    try (NioMediaEngine engine = new NioMediaEngine(new MediaConfig(LO, LO, 41200, 41299, 1))) {
      for (int round = 0; round < 4; round++) {
        List<RtpEndpoint> eps = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          eps.add(engine.open(this));
        }
        Bridge b = engine.bridge(eps.get(0), eps.get(1));
        b.record(new MemorySink()).stop();
        b.close();
        eps.forEach(RtpEndpoint::close);
        await().atMost(Duration.ofSeconds(2)).until(() -> engine.openEndpoints() == 0);
      }
    }
  }
}

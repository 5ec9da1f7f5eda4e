package org.atalaya.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.atalaya.media.Bridge;
import org.atalaya.media.Codec;
import org.atalaya.media.Direction;
import org.atalaya.media.MediaConfig;
import org.atalaya.media.Monitor;
import org.atalaya.media.MonitorMode;
import org.atalaya.media.PcmMonitor;
import org.atalaya.media.RecordingTap;
import org.atalaya.media.RemoteMedia;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.media.audio.Goertzel;
import org.atalaya.media.audio.Tones;
import org.junit.jupiter.api.Test;

/**
 * The hearing matrix, proven by content: customer (440 Hz, PCMU), agent (1000 Hz, PCMA) and
 * supervisor (1700 Hz) each send their own tone over real UDP on loopback; for every mode, and
 * across switches mid-call and a take-over, a Goertzel detector checks which tones each party
 * receives and which the recording's channels hold.
 */
class HearingMatrixTest {
  private static final InetAddress LO = InetAddress.getLoopbackAddress();
  private static final double C = 440;
  private static final double A = 1000;
  private static final double S = 1700;
  private static final double S2 = 2300;
  private static final double[] ALL = {C, A, S, S2};

  @Test
  void everyModeGivesEachPartyExactlyWhatTheMatrixSaysAndTheRecordingFollows() throws Exception {
    try (NioMediaEngine engine = new NioMediaEngine(new MediaConfig(LO, LO, 41400, 41499, 1));
        LoopbackParty customer = new LoopbackParty(Codec.PCMU, C);
        LoopbackParty agent = new LoopbackParty(Codec.PCMA, A);
        LoopbackParty supervisor = new LoopbackParty(Codec.PCMU, S)) {
      Object call = new Object();
      RtpEndpoint ce = engine.open(call);
      RtpEndpoint ae = engine.open(call);
      RtpEndpoint se = engine.open(call);
      ce.configure(new RemoteMedia(customer.address(), Codec.PCMU, 101, Direction.SENDRECV));
      ae.configure(new RemoteMedia(agent.address(), Codec.PCMA, 101, Direction.SENDRECV));
      se.configure(new RemoteMedia(supervisor.address(), Codec.PCMU, 101, Direction.SENDRECV));
      Bridge bridge = engine.bridge(ce, ae);
      MemorySink sink = new MemorySink();
      RecordingTap tap = bridge.record(sink);
      try (Talk talk = new Talk(List.of(customer, agent, supervisor), List.of(ce, ae, se))) {
        Phase none = phase(sink, customer, agent, supervisor);
        none.expect(customer, A).expect(agent, C).expect(supervisor).record(Set.of(C), Set.of(A));
        assertRelayed(ce, ae, true, true);

        Monitor m = bridge.monitor(se, MonitorMode.LISTEN);
        phase(sink, customer, agent, supervisor)
            .expect(customer, A).expect(agent, C).expect(supervisor, C, A).record(Set.of(C), Set.of(A));
        assertRelayed(ce, ae, true, true); // listening adds no mixing for the two parties

        m.mode(MonitorMode.WHISPER);
        phase(sink, customer, agent, supervisor)
            .expect(customer, A).expect(agent, C, S).expect(supervisor, C, A).record(Set.of(C), Set.of(A));
        assertRelayed(ce, ae, true, false);

        m.mode(MonitorMode.BARGE);
        phase(sink, customer, agent, supervisor)
            .expect(customer, A, S).expect(agent, C, S).expect(supervisor, C, A).record(Set.of(C), Set.of(A, S));
        assertRelayed(ce, ae, false, false);

        m.mode(MonitorMode.LISTEN); // back again, mid-call
        phase(sink, customer, agent, supervisor)
            .expect(customer, A).expect(agent, C).expect(supervisor, C, A).record(Set.of(C), Set.of(A));
        assertRelayed(ce, ae, true, true);

        m.mode(MonitorMode.TAKE_OVER);
        ae.close(); // what call control does: the agent's leg is released
        int before = sink.frames();
        phase(sink, customer, agent, supervisor)
            .expect(customer, S).expect(agent).expect(supervisor, C).record(Set.of(C), Set.of(S));
        // No gap: the recording kept one frame per tick through the take-over.
        assertThat(sink.frames() - before).isGreaterThanOrEqualTo(30);

        m.close();
        phase(sink, customer, agent, supervisor).expect(customer).expect(supervisor).record(Set.of(C), Set.of());
        // The supervisor heard through five phases and spoke through three (whisper, barge, take-over),
        // each at least its 600 ms window of 20 ms frames: bounds from the phases, not from how fast
        // this machine happens to be (a loaded or time-faked run sent fewer frames than a quiet one).
        assertThat(m.counters().framesHeard()).isGreaterThanOrEqualTo(5 * 600 / 20);
        assertThat(m.counters().framesSpoken()).isGreaterThanOrEqualTo(3 * 600 / 20);
      }
      var result = tap.stop();
      assertThat(result.droppedFrames()).isZero();
      bridge.close();
      ce.close();
      se.close();
      await().atMost(Duration.ofSeconds(2)).until(() -> engine.openEndpoints() == 0);
    }
  }

  @Test
  void theSensitiveSegmentSilencesRecordingAndMonitorsWhileTheCallGoesOn() throws Exception {
    try (NioMediaEngine engine = new NioMediaEngine(new MediaConfig(LO, LO, 41600, 41699, 1));
        LoopbackParty customer = new LoopbackParty(Codec.PCMU, C);
        LoopbackParty agent = new LoopbackParty(Codec.PCMA, A);
        LoopbackParty supervisor = new LoopbackParty(Codec.PCMU, S)) {
      Object call = new Object();
      RtpEndpoint ce = engine.open(call);
      RtpEndpoint ae = engine.open(call);
      RtpEndpoint se = engine.open(call);
      ce.configure(new RemoteMedia(customer.address(), Codec.PCMU, 101, Direction.SENDRECV));
      ae.configure(new RemoteMedia(agent.address(), Codec.PCMA, 101, Direction.SENDRECV));
      se.configure(new RemoteMedia(supervisor.address(), Codec.PCMU, 101, Direction.SENDRECV));
      Bridge bridge = engine.bridge(ce, ae);
      MemorySink sink = new MemorySink();
      RecordingTap tap = bridge.record(sink);
      try (Talk talk = new Talk(List.of(customer, agent, supervisor), List.of(ce, ae, se))) {
        // Nobody monitoring: the relay path.
        bridge.sensitive(true);
        Phase quiet = phase(sink, customer, agent, supervisor).expect(customer, A).expect(agent, C);
        assertSilent(sink, quiet);
        assertThat(bridge.isSensitive()).isTrue();

        // A barging supervisor: the parties still hear everyone, the supervisor hears nothing.
        Monitor m = bridge.monitor(se, MonitorMode.BARGE);
        Phase barge = phase(sink, customer, agent, supervisor).expect(customer, A, S).expect(agent, C, S).expect(supervisor);
        assertSilent(sink, barge);

        bridge.sensitive(false);
        phase(sink, customer, agent, supervisor)
            .expect(customer, A, S).expect(agent, C, S).expect(supervisor, C, A).record(Set.of(C), Set.of(A, S));

        // After a take-over the supervisor is the one taking the card data: they hear the customer.
        m.mode(MonitorMode.TAKE_OVER);
        ae.close();
        bridge.sensitive(true);
        Phase taken = phase(sink, customer, agent, supervisor).expect(customer, S).expect(supervisor, C);
        assertSilent(sink, taken);
        m.close();
      }
      tap.stop();
      bridge.close();
      ce.close();
      se.close();
    }
  }

  private static void assertSilent(MemorySink sink, Phase phase) {
    short[] stereo = sink.samples();
    int from = phase.fromFrame() * 320;
    int to = Math.min(phase.toFrame() * 320, stereo.length);
    assertThat(to - from).as("recorded samples in the phase").isGreaterThan(6000);
    for (int i = from; i < to; i++) {
      assertThat(stereo[i]).as("sample %d of the sensitive segment", i).isZero();
    }
  }

  @Test
  void twoSupervisorsEachWithItsOwnModeAndABrowserPartyOverPcm() throws Exception {
    try (NioMediaEngine engine = new NioMediaEngine(new MediaConfig(LO, LO, 41500, 41599, 1));
        LoopbackParty customer = new LoopbackParty(Codec.PCMA, C);
        LoopbackParty agent = new LoopbackParty(Codec.PCMU, A);
        LoopbackParty supervisor = new LoopbackParty(Codec.PCMA, S)) {
      Object call = new Object();
      RtpEndpoint ce = engine.open(call);
      RtpEndpoint ae = engine.open(call);
      RtpEndpoint se = engine.open(call);
      ce.configure(new RemoteMedia(customer.address(), Codec.PCMA, 101, Direction.SENDRECV));
      ae.configure(new RemoteMedia(agent.address(), Codec.PCMU, 101, Direction.SENDRECV));
      se.configure(new RemoteMedia(supervisor.address(), Codec.PCMA, 101, Direction.SENDRECV));
      Bridge bridge = engine.bridge(ce, ae);
      MemorySink sink = new MemorySink();
      RecordingTap tap = bridge.record(sink);
      try (Talk talk = new Talk(List.of(customer, agent, supervisor), List.of(ce, ae, se))) {
        Monitor phone = bridge.monitor(se, MonitorMode.BARGE);
        PcmMonitor browser = bridge.monitor(MonitorMode.LISTEN);
        BrowserPeer peer = new BrowserPeer(browser, S2);
        try (peer) {
          // The browser listens; the phone barges: the browser hears all three others.
          Phase p = phase(sink, customer, agent, supervisor);
          p.expect(customer, A, S).expect(agent, C, S).expect(supervisor, C, A).record(Set.of(C), Set.of(A, S));
          peer.clear();
          Thread.sleep(500);
          expectHeard("browser", peer.heard(), C, A, S);

          // The browser whispers: only the agent hears it; the barging phone does not.
          browser.mode(MonitorMode.WHISPER);
          phase(sink, customer, agent, supervisor)
              .expect(customer, A, S).expect(agent, C, S, S2).expect(supervisor, C, A).record(Set.of(C), Set.of(A, S));

          // The browser barges too: now everyone hears it, and it hears the phone supervisor.
          browser.mode(MonitorMode.BARGE);
          Phase q = phase(sink, customer, agent, supervisor);
          q.expect(customer, A, S, S2).expect(agent, C, S, S2).expect(supervisor, C, A, S2)
              .record(Set.of(C), Set.of(A, S, S2));
          peer.clear();
          Thread.sleep(500);
          expectHeard("browser", peer.heard(), C, A, S);
        }
        browser.close();
        phone.close();
        assertThat(browser.isClosed()).isTrue();
        assertThat(browser.poll(10, TimeUnit.MILLISECONDS)).isNull();
        phase(sink, customer, agent, supervisor).expect(customer, A).expect(agent, C).expect(supervisor);
        assertRelayed(ce, ae, true, true); // mixing stopped when the third parties left
      }
      tap.stop();
      bridge.close();
      for (RtpEndpoint e : List.of(ce, ae, se)) {
        e.close();
      }
      await().atMost(Duration.ofSeconds(2)).until(() -> engine.openEndpoints() == 0);
    }
  }

  @Test
  void aNoticeToneReachesTheAgentOnly() throws Exception {
    try (NioMediaEngine engine = new NioMediaEngine(new MediaConfig(LO, LO, 41600, 41699, 1));
        LoopbackParty customer = new LoopbackParty(Codec.PCMU, C);
        LoopbackParty agent = new LoopbackParty(Codec.PCMU, A)) {
      Object call = new Object();
      RtpEndpoint ce = engine.open(call);
      RtpEndpoint ae = engine.open(call);
      ce.configure(new RemoteMedia(customer.address(), Codec.PCMU, 101, Direction.SENDRECV));
      ae.configure(new RemoteMedia(agent.address(), Codec.PCMU, 101, Direction.SENDRECV));
      Bridge bridge = engine.bridge(ce, ae);
      try (Talk talk = new Talk(List.of(customer), List.of(ce))) {
        Thread.sleep(200);
        customer.clear();
        agent.clear();
        bridge.notifyAgent(Tones.sine8k(S, 600, 8000));
        Thread.sleep(700);
        assertThat(Goertzel.share(agent.heard(), 8000, S)).isGreaterThan(0.2);
        assertThat(Goertzel.share(customer.heard(), 8000, S)).isLessThan(0.02);
      }
      bridge.close();
      ce.close();
      ae.close();
    }
  }

  private static void assertRelayed(RtpEndpoint customer, RtpEndpoint agent, boolean customerRelayed,
      boolean agentRelayed) {
    assertThat(!((NioRtpEndpoint) customer).isMixed()).as("customer relayed").isEqualTo(customerRelayed);
    assertThat(!((NioRtpEndpoint) agent).isMixed()).as("agent relayed").isEqualTo(agentRelayed);
  }

  /** One phase of a call: settle, then 600 ms of what each party and the recording got. */
  private static Phase phase(MemorySink sink, LoopbackParty... parties) throws InterruptedException {
    Thread.sleep(250); // let the switch and the jitter buffers' 60 ms settle
    for (LoopbackParty p : parties) {
      p.clear();
    }
    int from = sink.frames();
    Thread.sleep(600);
    return new Phase(sink, from, sink.frames());
  }

  private record Phase(MemorySink sink, int fromFrame, int toFrame) {
    Phase expect(LoopbackParty party, double... tones) {
      expectHeard(party.freq + " Hz party", party.heard(), tones);
      return this;
    }

    Phase record(Set<Double> left, Set<Double> right) {
      short[] stereo = sink.samples();
      int from = fromFrame * 320;
      int to = Math.min(toFrame * 320, stereo.length);
      short[] l = new short[(to - from) / 2];
      short[] r = new short[(to - from) / 2];
      for (int i = 0; i < l.length; i++) {
        l[i] = stereo[from + 2 * i];
        r[i] = stereo[from + 2 * i + 1];
      }
      assertThat(l.length).as("recorded samples in the phase").isGreaterThan(3000);
      expectHeard("recording left", l, left.stream().mapToDouble(Double::doubleValue).toArray());
      expectHeard("recording right", r, right.stream().mapToDouble(Double::doubleValue).toArray());
      return this;
    }
  }

  /** Each expected tone holds a clear share of the audio; every other party's tone is absent. */
  static void expectHeard(String who, short[] pcm, double... expected) {
    double[] sorted = expected.clone();
    Arrays.sort(sorted);
    for (double f : ALL) {
      double share = Goertzel.share(pcm, 8000, f);
      if (Arrays.binarySearch(sorted, f) >= 0) {
        assertThat(share).as(who + " hears " + f + " Hz").isGreaterThan(0.7 / (expected.length + 1));
      } else {
        assertThat(share).as(who + " must not hear " + f + " Hz").isLessThan(0.03);
      }
    }
    if (expected.length == 0) {
      assertThat(Goertzel.rms(pcm)).as(who + " hears silence").isLessThan(Goertzel.SILENCE_RMS);
    }
  }

  /** Sends every party's tone every 20 ms, paced on wall clock, until closed. */
  private static final class Talk implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    Talk(List<LoopbackParty> parties, List<RtpEndpoint> to) {
      thread = Thread.ofPlatform().daemon().start(() -> {
        long start = System.nanoTime();
        for (int i = 0; running; i++) {
          try {
            for (int k = 0; k < parties.size(); k++) {
              parties.get(k).sendFrame(to.get(k).localAddress(), i);
            }
            long due = start + (i + 1) * 20_000_000L;
            while (System.nanoTime() < due) {
              Thread.sleep(1);
            }
          } catch (Exception e) {
            return;
          }
        }
      });
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join();
    }
  }

  /** A browser-like party: speaks its tone into a PcmMonitor and collects what it hears. */
  private static final class BrowserPeer implements AutoCloseable {
    private final List<short[]> heard = new ArrayList<>();
    private final Thread reader;
    private final Thread writer;
    private volatile boolean running = true;

    BrowserPeer(PcmMonitor monitor, double freq) {
      reader = Thread.ofVirtual().start(() -> {
        try {
          while (running) {
            short[] f = monitor.poll(100, TimeUnit.MILLISECONDS);
            if (f != null) {
              synchronized (heard) {
                heard.add(f);
              }
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      writer = Thread.ofPlatform().daemon().start(() -> {
        long start = System.nanoTime();
        for (long i = 0; running; i++) {
          monitor.speak(Tones.sine(freq, 8000, 160, 8000, i * 160));
          long due = start + (i + 1) * 20_000_000L;
          try {
            while (System.nanoTime() < due) {
              Thread.sleep(1);
            }
          } catch (InterruptedException e) {
            return;
          }
        }
      });
    }

    void clear() {
      synchronized (heard) {
        heard.clear();
      }
    }

    short[] heard() {
      synchronized (heard) {
        short[] out = new short[heard.size() * 160];
        for (int i = 0; i < heard.size(); i++) {
          System.arraycopy(heard.get(i), 0, out, i * 160, 160);
        }
        return out;
      }
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      reader.join();
      writer.join();
    }
  }
}

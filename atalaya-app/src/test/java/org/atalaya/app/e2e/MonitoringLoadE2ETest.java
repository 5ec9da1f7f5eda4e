package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.monitoring.Actor;
import org.atalaya.core.monitoring.MonitorSession;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.core.users.Role;
import org.atalaya.media.EndpointCounters;
import org.atalaya.media.MonitorMode;
import org.atalaya.media.PcmMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fifty concurrent sipp calls, then a listening supervisor on every one of them at once: the
 * calls' packets are counted by Atalaya (in, out, sequence gaps, send failures) in a window
 * before and a window during monitoring. Monitoring must add no loss, and every supervisor must
 * get its 50 frames a second.
 */
class MonitoringLoadE2ETest {
  private static final Logger LOG = LoggerFactory.getLogger(MonitoringLoadE2ETest.class);
  private static final int CALLS = 50;
  private static final int WINDOW_MS = 3000;

  @TempDir static Path dir;
  static NodeHarness atalaya;
  static int agentPort;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 44000, 10, 60);
    agentPort = NodeHarness.freePort();
    for (int i = 0; i < CALLS; i++) {
      String ext = "" + (5001 + i);
      atalaya.addAgent(ext, "pass-" + ext);
      // One sipp process answers for every agent: all register the same contact.
      atalaya.register(dir.resolve("reg-" + ext), agentPort, ext, "pass-" + ext);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.acd().registeredAgents() == CALLS);
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void monitoringFiftyCallsAtOnceAddsNoPacketLoss() throws Exception {
    Actor supervisor = new Actor(Tenants.DEFAULT, "load-supervisor", Role.SUPERVISOR, null);
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agents = Sipp.start(dir.resolve("agents"), "agent-answer",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "0", "CODEC", "PCMU",
                "TONE", ToneFiles.write(dir, Hearing.AGENT, 0).toString(), "ANSWERDELAY", "0"),
            "-p", "" + agentPort, "-m", "" + CALLS, "-timeout", "120", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customers = Sipp.start(dir.resolve("customers"), "customer-call",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU",
                "TONE", ToneFiles.write(dir, Hearing.CUSTOMER, 0).toString(), "TALKMS", "16000"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "" + CALLS,
            "-l", "" + CALLS, "-r", "25", "-timeout", "120", "-mp", "" + (NodeHarness.freePort() & ~1))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> connectedCalls().size() == CALLS);
      Thread.sleep(500);

      Window before = Window.measure(WINDOW_MS);

      List<MonitorSession> sessions = new ArrayList<>();
      List<Thread> readers = new ArrayList<>();
      AtomicLong framesRead = new AtomicLong();
      for (ActiveCall call : connectedCalls()) {
        MonitorSession s = atalaya.node.monitoring().startBrowser(supervisor, call.id(), MonitorMode.LISTEN);
        sessions.add(s);
        PcmMonitor audio = s.audio();
        readers.add(Thread.ofVirtual().start(() -> {
          try {
            while (audio.poll(200, TimeUnit.MILLISECONDS) != null || !audio.isClosed()) {
              framesRead.incrementAndGet();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }));
      }
      Thread.sleep(300);
      long framesBefore = sessions.stream().mapToLong(s -> s.audio().counters().framesHeard()).sum();
      Window during = Window.measure(WINDOW_MS);
      long framesDuring = sessions.stream().mapToLong(s -> s.audio().counters().framesHeard()).sum() - framesBefore;
      long framesDropped = sessions.stream().mapToLong(s -> s.audio().counters().framesDropped()).sum();
      for (MonitorSession s : sessions) {
        atalaya.node.monitoring().left(s, "test done");
      }
      for (Thread r : readers) {
        r.join(2000);
      }
      LOG.info("without monitoring: {}", before);
      LOG.info("with {} listeners: {}; supervisor frames {} (dropped {})", CALLS, during, framesDuring, framesDropped);

      long expectedPackets = (long) CALLS * 2 * (WINDOW_MS / 20);
      for (Window w : List.of(before, during)) {
        assertThat(w.in()).as("packets received in the window: %s", w).isGreaterThan(expectedPackets * 9 / 10);
        assertThat(w.lost()).as("sequence gaps: %s", w).isZero();
        assertThat(w.dropped()).as("send failures or bad packets: %s", w).isZero();
        assertThat(Math.abs(w.out() - w.in())).as("every packet in was relayed out: %s", w)
            .isLessThanOrEqualTo(w.in() / 100);
      }
      assertThat(during.in()).as("monitoring did not slow the calls").isGreaterThan(before.in() * 97 / 100);
      assertThat(framesDuring).as("each listener gets 50 frames a second")
          .isGreaterThan((long) CALLS * (WINDOW_MS / 20) * 9 / 10);
      assertThat(framesDropped).isZero();
      assertThat(framesRead.get()).isGreaterThan(framesDuring);
      assertThat(customers.await(60)).as(customers.logs()).isZero();
      assertThat(agents.await(20)).as(agents.logs()).isZero();
    }
    EndpointCounters total = atalaya.node.media().totals();
    assertThat(total.lost()).as("no sequence gap on any leg, over the whole run").isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> atalaya.node.media().openEndpoints() == 0);
  }

  private static List<ActiveCall> connectedCalls() {
    return atalaya.node.calls().list(Tenants.DEFAULT).stream()
        .filter(c -> c.state() == ActiveCall.State.CONNECTED).toList();
  }

  /** Atalaya's packet counters over one window of wall clock. */
  record Window(long in, long out, long lost, long dropped) {
    static Window measure(long millis) throws InterruptedException {
      EndpointCounters a = atalaya.node.media().totals();
      Thread.sleep(millis);
      EndpointCounters b = atalaya.node.media().totals();
      return new Window(b.packetsIn() - a.packetsIn(), b.packetsOut() - a.packetsOut(), b.lost() - a.lost(),
          b.dropped() - a.dropped());
    }
  }
}

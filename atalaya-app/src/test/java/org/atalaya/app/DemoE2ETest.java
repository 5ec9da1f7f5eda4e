package org.atalaya.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.atalaya.app.config.AtalayaConfig;
import org.atalaya.app.demo.DemoAgent;
import org.atalaya.app.demo.DemoTraffic;
import org.atalaya.app.e2e.TestPorts;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.store.recording.JdbiRecordingRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in demo against a real node: seeded agents register with digest auth, simulated
 * customers call, calls show up live and end as complete recordings, with real SIP and RTP.
 */
class DemoE2ETest {
  @TempDir Path dir;

  @Test
  void demoTrafficProducesLiveCallsAndCompleteRecordings() throws Exception {
    int sipPort = TestPorts.freePort();
    AtalayaConfig config = new AtalayaConfig(dir, "", "sa", "", "127.0.0.1", sipPort, "127.0.0.1", "atalaya",
        List.of("127.0.0.0/8"), 3600, "127.0.0.1", "127.0.0.1", 39000, 39998, 1, 0, "default", 5, 20, "es",
        Tenants.DEFAULT, true, 2, false);
    try (Node node = Node.start(config, Clock.systemUTC())) {
      DemoSeed.ensure(node);
      DemoTraffic.Settings fast = new DemoTraffic.Settings("127.0.0.1", Duration.ofMillis(800), Duration.ofMillis(1500), 2,
          Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofMillis(300), Duration.ofMillis(600),
          Duration.ofSeconds(15), "900100200");
      AtomicInteger maxLive = new AtomicInteger();
      try (DemoTraffic traffic = new DemoTraffic("127.0.0.1", sipPort,
          DemoSeed.AGENTS.stream().map(a -> new DemoAgent(a.extension(), a.password(), a.name())).toList(),
          new Random(7), fast)) {
        assertThat(traffic.start()).isEqualTo(DemoSeed.AGENTS.size());
        JdbiRecordingRepository recordings = new JdbiRecordingRepository(node.database().jdbi());
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> {
          maxLive.accumulateAndGet(node.calls().list(Tenants.DEFAULT).size(), Math::max);
          return recordings.list(Tenants.DEFAULT, null, 0, 10).stream()
              .filter(r -> r.status() == RecordingInfo.Status.COMPLETE).count() >= 2;
        });
      }
      assertThat(maxLive.get()).as("live calls were visible").isGreaterThanOrEqualTo(1);
      // Demo calls vary in length (a customer may give up soon after the answer): take the longest.
      RecordingInfo rec = new JdbiRecordingRepository(node.database().jdbi()).list(Tenants.DEFAULT, null, 0, 10).stream()
          .filter(r -> r.status() == RecordingInfo.Status.COMPLETE)
          .max(java.util.Comparator.comparingLong(RecordingInfo::durationMillis)).orElseThrow();
      assertThat(rec.durationMillis()).isGreaterThan(2000);
      assertThat(rec.agentExtension()).isIn("2001", "2002", "2003");
      assertThat(rec.sha256()).hasSize(64);
    }
  }
}

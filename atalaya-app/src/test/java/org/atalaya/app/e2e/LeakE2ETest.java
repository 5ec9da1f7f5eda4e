package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many real calls in a row and at once (sipp on both sides, 20 registered agents sharing one
 * sipp phone): afterwards no live call, RTP port, SIP leg or thread is left behind, and every
 * call has its record.
 */
class LeakE2ETest {
  private static final int AGENTS = 20;

  @TempDir static Path dir;
  static NodeHarness atalaya;
  static int agentPort;
  static Path tone;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 36000, 5, 30);
    agentPort = NodeHarness.freePort();
    CallPathE2ETest.atalaya = atalaya;
    for (int i = 0; i < AGENTS; i++) {
      String ext = "" + (3001 + i);
      atalaya.addAgent(ext, "pass-" + ext);
      // Every agent registers the same sipp phone as its contact: one process answers them all.
      CallPathE2ETest.register(dir.resolve("reg-" + ext), agentPort, ext, "pass-" + ext);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.acd().registeredAgents() == AGENTS);
    tone = ToneFiles.write(dir, 440, 0);
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void fiftySequentialAndTwentyConcurrentCallsLeaveNothingBehind() throws Exception {
    int threadsBefore = Thread.activeCount();
    runCalls("seq", 50, 1, 300);
    runCalls("conc", 20, 20, 2000);
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      assertThat(atalaya.node.calls().liveCalls()).as("live calls").isZero();
      assertThat(atalaya.node.media().openEndpoints()).as("open RTP endpoints").isZero();
      assertThat(atalaya.node.sip().activeLegs()).as("SIP legs").isZero();
      assertThat(Thread.activeCount()).as("platform threads").isLessThanOrEqualTo(threadsBefore + 4);
    });
    JsonNode calls = atalaya.items("/api/v1/calls?limit=500");
    assertThat(calls.size()).isEqualTo(70);
    for (JsonNode c : calls) {
      assertThat(c.get("disposition").asText()).as(c.toString()).isEqualTo("ANSWERED");
    }
    assertThat(atalaya.items("/api/v1/recordings?limit=500").size()).isEqualTo(70);
  }

  private void runCalls(String name, int total, int concurrent, int talkMs) throws Exception {
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agents = Sipp.start(dir.resolve(name + "-agents"), "agent-answer",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", tone.toString(), "ANSWERDELAY", "0"),
            "-p", "" + agentPort, "-m", "" + total, "-timeout", "120", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customers = Sipp.start(dir.resolve(name + "-customers"), "customer-call",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", tone.toString(),
                "TALKMS", "" + talkMs),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "" + total,
            "-l", "" + concurrent, "-r", "" + Math.max(concurrent, 5), "-timeout", "120",
            "-mp", "" + (NodeHarness.freePort() & ~1))) {
      assertThat(customers.await(120)).as(customers.logs()).isZero();
      assertThat(agents.await(20)).as(agents.logs()).isZero();
      assertThat(customerEar.packets()).as("customers heard their agents").isGreaterThan(total * 5L);
    }
  }
}

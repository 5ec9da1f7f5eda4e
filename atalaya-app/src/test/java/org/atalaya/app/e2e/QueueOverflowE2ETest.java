package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.atalaya.core.routing.AgentState;
import org.atalaya.core.users.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queues with real sipp phones: a call whose queue's agent does not answer within the queue's
 * max wait overflows to the next queue and is answered there; then a caller who gives up while
 * waiting (its only agent in wrap-up) is logged as abandoned in the queue it waited in.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueueOverflowE2ETest {
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static int salesPhone;
  static int supportPhone;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 49000, 20, 20);
    atalaya.put("/api/v1/routing", """
        {"queues": [
          {"name": "default", "skills": {"sales": 1}, "maxWaitSeconds": 10, "overflow": "support"},
          {"name": "support", "skills": {"support": 1}, "wrapUpSeconds": 30}],
         "agents": {"1601": {"support": 1}, "1602": {"sales": 1}},
         "pauseReasons": ["break", "siesta"]}""");
    atalaya.node.userAccounts().add("acme", "acme-sup", "acme-secret-12", Role.SUPERVISOR, null);
    atalaya.addAgent("1601", "agent-pass-1601");
    atalaya.addAgent("1602", "agent-pass-1602");
    supportPhone = NodeHarness.freePort();
    salesPhone = NodeHarness.freePort();
    atalaya.register(dir.resolve("reg1"), supportPhone, "1601", "agent-pass-1601");
    atalaya.register(dir.resolve("reg2"), salesPhone, "1602", "agent-pass-1602");
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  @Order(1)
  void aCallNotAnsweredWithinMaxWaitOverflowsAndIsAnsweredThere() throws Exception {
    Path tone = ToneFiles.write(dir, 440, 0);
    try (RtpProbe customerEar = new RtpProbe();
        RtpProbe supportEar = new RtpProbe();
        Sipp sales = Sipp.start(dir.resolve("sales"), "agent-ring-cancel", Map.of(),
            "-p", "" + salesPhone, "-m", "1", "-timeout", "40");
        Sipp support = Sipp.start(dir.resolve("support"), "agent-answer",
            Map.of("RTPPORT", "" + supportEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", tone.toString(),
                "ANSWERDELAY", "200"),
            "-p", "" + supportPhone, "-m", "1", "-timeout", "40", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("customer"), "customer-call",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", tone.toString(),
                "TALKMS", "1500"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1",
            "-timeout", "40", "-mp", "" + (NodeHarness.freePort() & ~1))) {
      assertThat(customer.await(40)).as(customer.logs()).isZero();
      assertThat(sales.await(10)).as("sales rang, then was cancelled at max wait: " + sales.logs()).isZero();
      assertThat(support.await(10)).as(support.logs()).isZero();
    }
    JsonNode call = lastCall();
    assertThat(call.get("disposition").asText()).isEqualTo("ANSWERED");
    assertThat(call.get("queue").asText()).as("the queue it was answered in").isEqualTo("support");
    assertThat(call.get("agent").asText()).isEqualTo("1601");
    Duration waited = Duration.between(Instant.parse(call.get("startedAt").asText()),
        Instant.parse(call.get("answeredAt").asText()));
    assertThat(waited).as("the default queue's 10 s max wait, then support").isBetween(Duration.ofMillis(9900),
        Duration.ofSeconds(14));
  }

  @Test
  @Order(2)
  void aCallerWhoHangsUpWhileQueuedIsAbandonedInThatQueue() throws Exception {
    // 1601 wraps up for support's 30 s after the first call; 1602 logs out, so the default queue
    // has nobody and sends the caller straight on to support, where it waits.
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.acd().agent("1601").orElseThrow().state()
        == AgentState.WRAP_UP);
    atalaya.node.acd().logout("1602");
    try (RtpProbe customerEar = new RtpProbe();
        Sipp customer = Sipp.start(dir.resolve("impatient"), "customer-cancel",
            Map.of("RTPPORT", "" + customerEar.port()),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1",
            "-timeout", "20")) {
      await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.acd().waiting("support") == 1);
      assertThat(atalaya.getJson("/api/v1/dashboard").get("queues").toString())
          .contains("\"name\":\"support\"").contains("\"waiting\":1");
      // Another tenant's supervisor sees nothing of this tenant's queues or pause reasons.
      var other = atalaya.send("GET", "/api/v1/dashboard", null, "acme-sup", "acme-secret-12");
      assertThat(other.statusCode()).isEqualTo(200);
      assertThat(other.body()).doesNotContain("support").doesNotContain("\"waiting\":1");
      assertThat(atalaya.send("GET", "/api/v1/pause-reasons", null, "acme-sup", "acme-secret-12").body())
          .doesNotContain("siesta");
      assertThat(customer.await(20)).as(customer.logs()).isZero();
    }
    JsonNode call = lastCall();
    assertThat(call.get("disposition").asText()).isEqualTo("ABANDONED");
    assertThat(call.get("queue").asText()).isEqualTo("support");
    assertThat(call.get("endedBy").asText()).isEqualTo("customer");
    assertThat(atalaya.node.acd().waiting("support")).isZero();
    assertThat(atalaya.node.acd().agent("1601").orElseThrow().state()).as("never rung while wrapping up")
        .isEqualTo(AgentState.WRAP_UP);
  }

  private static JsonNode lastCall() throws Exception {
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);
    return atalaya.items("/api/v1/calls").get(0);
  }
}

package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.atalaya.core.routing.AgentState;
import org.atalaya.core.routing.AgentStatus;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.core.users.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent logs in and out, pauses with a reason and comes back, from its sipp phone's feature
 * codes and from the web; after a call it wraps up for its queue's time.
 */
class AgentStateE2ETest {
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static int phonePort;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 47000, 8, 20);
    atalaya.put("/api/v1/routing", "{\"queues\": [{\"name\": \"default\", \"wrapUpSeconds\": 3}],"
        + " \"pauseReasons\": [\"break\", \"lunch\", \"training\"]}");
    atalaya.addAgent("1401", "agent-pass-1401");
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "lucia", "lucia-secret-1", Role.AGENT, "1401");
    phonePort = NodeHarness.freePort();
    atalaya.register(dir.resolve("reg"), phonePort, "1401", "agent-pass-1401");
    await().atMost(Duration.ofSeconds(5)).until(() -> state() == AgentState.AVAILABLE);
  }

  /** Each test starts from a logged-in, available agent whatever the previous one left. */
  @BeforeEach
  void available() {
    atalaya.node.acd().login("1401");
    atalaya.node.acd().ready("1401");
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void featureCodesFromThePhonePauseWithAReasonLogOutAndBackIn() throws Exception {
    dial("*432", "pause-lunch");
    assertThat(status()).extracting(AgentStatus::state, AgentStatus::pauseReason)
        .containsExactly(AgentState.PAUSED, "lunch");
    assertThat(atalaya.node.acd().servingAgents("default")).as("a paused agent serves no queue").isZero();
    assertThat(atalaya.getJson("/api/v1/dashboard").get("agents").toString())
        .contains("\"state\":\"PAUSED\"").contains("\"pauseReason\":\"lunch\"");
    dial("*44", "ready");
    assertThat(state()).isEqualTo(AgentState.AVAILABLE);
    dial("%2A42", "logout"); // some phones escape the star in the request URI (RFC 3261 19.1.4)
    assertThat(state()).isEqualTo(AgentState.LOGGED_OUT);
    dial("*41", "login");
    assertThat(state()).isEqualTo(AgentState.AVAILABLE);
  }

  @Test
  void theWebSetsTheStateForTheAgentItselfAndForItsSupervisorButNotForOthers() throws Exception {
    var res = atalaya.send("PUT", "/api/v1/agents/1401/state", "{\"state\": \"paused\", \"reason\": \"training\"}",
        "lucia", "lucia-secret-1");
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(res.body()).contains("\"state\":\"PAUSED\"").contains("training");
    res = atalaya.send("PUT", "/api/v1/agents/1401/state", "{\"state\": \"paused\", \"reason\": \"siesta\"}",
        "lucia", "lucia-secret-1");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.body()).contains("siesta").contains("lunch");
    res = atalaya.send("PUT", "/api/v1/agents/1401/state", "{\"state\": \"dancing\"}", "lucia", "lucia-secret-1");
    assertThat(res.statusCode()).isEqualTo(400);
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "otro", "otro-secret-12", Role.AGENT, "1402");
    res = atalaya.send("PUT", "/api/v1/agents/1401/state", "{\"state\": \"available\"}", "otro", "otro-secret-12");
    assertThat(res.statusCode()).as("another agent").isEqualTo(403);
    res = atalaya.send("PUT", "/api/v1/agents/1401/state", "{\"state\": \"available\"}", NodeHarness.ADMIN,
        NodeHarness.ADMIN_PASSWORD);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(state()).isEqualTo(AgentState.AVAILABLE);
    assertThat(atalaya.send("GET", "/api/v1/agents/9999/state", null, NodeHarness.ADMIN, NodeHarness.ADMIN_PASSWORD)
        .statusCode()).isEqualTo(404);
    assertThat(atalaya.items("/api/v1/audit?action=agent.state").toString()).contains("agent:1401");
  }

  @Test
  void afterACallTheAgentWrapsUpForTheQueuesTimeThenTakesCallsAgain() throws Exception {
    Path tone = ToneFiles.write(dir, 440, 0);
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = Sipp.start(dir.resolve("wrap-agent"), "agent-answer",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", tone.toString(),
                "ANSWERDELAY", "200"),
            "-p", "" + phonePort, "-m", "1", "-timeout", "30", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("wrap-customer"), "customer-call",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", tone.toString(),
                "TALKMS", "1500"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1",
            "-timeout", "30", "-mp", "" + (NodeHarness.freePort() & ~1))) {
      assertThat(customer.await(30)).as(customer.logs()).isZero();
      assertThat(agent.await(10)).as(agent.logs()).isZero();
    }
    await().atMost(Duration.ofSeconds(2)).until(() -> state() == AgentState.WRAP_UP);
    long wrapStart = System.nanoTime();
    await().atMost(Duration.ofSeconds(6)).until(() -> state() == AgentState.AVAILABLE);
    long wrapMs = (System.nanoTime() - wrapStart) / 1_000_000;
    assertThat(wrapMs).as("the queue's 3 s wrap-up").isBetween(2000L, 4500L);
    assertThat(status().calls()).isGreaterThanOrEqualTo(1);

    // The agents' state history reaches the store, so the KPIs see the call's wrap-up and the
    // agent's occupancy (its states now count until now).
    String period = "from=" + atalaya.clock.instant().minusSeconds(3600) + "&to="
        + atalaya.clock.instant().plusSeconds(60) + "&by=agent";
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      var row = atalaya.getJson("/api/v1/kpis?" + period).get("rows").get(0);
      return row != null && row.get("figures").get("averageWrapUpSeconds").asDouble() > 0;
    });
    var row = atalaya.getJson("/api/v1/kpis?" + period).get("rows").get(0);
    assertThat(row.get("key").asText()).isEqualTo("1401");
    assertThat(row.get("figures").get("averageWrapUpSeconds").asDouble()).as("the queue's 3 s wrap-up")
        .isBetween(2.0, 4.5);
    assertThat(row.get("figures").get("occupancyPercent").asDouble()).isBetween(0.01, 100.0);
  }

  /** Dials a feature code from the agent's phone; Atalaya answers, confirms aloud and hangs up. */
  private static void dial(String code, String name) throws Exception {
    try (RtpProbe ear = new RtpProbe();
        Sipp phone = Sipp.start(dir.resolve(name), "agent-code",
            Map.of("SERVICE", code, "USER", "1401", "PASSWORD", "agent-pass-1401", "RTPPORT", "" + ear.port()),
            "127.0.0.1:" + atalaya.sipPort, "-p", "" + phonePort, "-m", "1", "-timeout", "15")) {
      assertThat(phone.await(20)).as(phone.logs()).isZero();
      assertThat(ear.packets()).as("the confirmation was played").isGreaterThan(20);
    }
  }

  private static AgentStatus status() {
    return atalaya.node.acd().agent("1401").orElseThrow();
  }

  private static AgentState state() {
    return status().state();
  }
}

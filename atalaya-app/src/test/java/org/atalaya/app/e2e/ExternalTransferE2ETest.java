package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.media.audio.Goertzel;
import org.atalaya.media.audio.Wav;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blind transfer to an outside number through the tenant's trunk (a sipp standing in for the
 * carrier's gateway): refused while no trunk is set; then the gateway gets an INVITE for the
 * number with the customer's caller id, answers, and takes the agent's side of the same bridge
 * and recording. A busy number sends the customer back to its queue, not off the line.
 */
class ExternalTransferE2ETest {
  private static final double CUSTOMER_HZ = 440;
  private static final double AGENT_HZ = 1000;
  private static final double OUTSIDE_HZ = 1500;
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static int agentPort;
  static int trunkPort;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 55500, 8, 60);
    atalaya.addAgent("1601", "agent-pass-1601");
    agentPort = NodeHarness.freePort();
    trunkPort = NodeHarness.freePort();
    atalaya.register(dir.resolve("reg"), agentPort, "1601", "agent-pass-1601");
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void theOutsideNumberAnswersAndTakesTheAgentsSideOfTheRecording() throws Exception {
    atalaya.put("/api/v1/routing", "{\"queues\": []}");
    try (RtpProbe customerEar = new RtpProbe();
        RtpProbe agentEar = new RtpProbe();
        RtpProbe outsideEar = new RtpProbe();
        Sipp agent = Phones.agent(dir, "agent", agentPort, agentEar, AGENT_HZ, 1, 40);
        Sipp customer = Phones.customer(dir, "customer", atalaya.sipPort, customerEar, CUSTOMER_HZ, 9000, 40)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> connectedTo("1601") != null);
      String id = connectedTo("1601").id();
      HttpResponse<String> noTrunk = transfer(id, "{\"to\": \"+34 911 222 333\"}");
      assertThat(noTrunk.statusCode()).isEqualTo(400);
      assertThat(noTrunk.body()).contains("need a trunk");
      assertThat(transfer(id, "{\"to\": \"tel:12\"}").body()).contains("not a phone number");

      atalaya.put("/api/v1/routing", "{\"queues\": [], \"trunk\": {\"uri\": \"sip:127.0.0.1:" + trunkPort + "\"}}");
      try (Sipp outside = Sipp.start(dir.resolve("outside"), "trunk-answer",
          Map.of("RTPPORT", "" + outsideEar.port(), "PT", "0", "CODEC", "PCMU",
              "TONE", ToneFiles.write(dir, OUTSIDE_HZ, 0).toString(), "ANSWERDELAY", "500",
              "NUMBER", "\\+34911222333", "CALLER", "\\+34600111222"),
          "-p", "" + trunkPort, "-m", "1", "-timeout", "40", "-mp", "" + (NodeHarness.freePort() & ~1))) {
        Thread.sleep(1500);
        HttpResponse<String> sent = transfer(id, "{\"to\": \"+34 911 222 333\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(agent.await(10)).as("the agent is hung up: " + agent.logs()).isZero();
        try {
          await().atMost(Duration.ofSeconds(8)).until(() -> connectedTo("+34911222333") != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          throw new AssertionError("the outside number never took the call: " + outside.logs(), e);
        }
        customerEar.clear();
        outsideEar.clear();
        Thread.sleep(1500);
        assertThat(Goertzel.detects(customerEar.pcm(), 8000, OUTSIDE_HZ)).as("the customer hears the outside party")
            .isTrue();
        assertThat(Goertzel.detects(outsideEar.pcm(), 8000, CUSTOMER_HZ)).as("and it hears the customer").isTrue();
        assertThat(customer.await(20)).as(customer.logs()).isZero();
        assertThat(outside.await(10)).as("asked for the number with the caller id: " + outside.logs()).isZero();
      }
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);
    JsonNode call = atalaya.getJson("/api/v1/calls/" + atalaya.items("/api/v1/calls").get(0).get("id").asText());
    assertThat(call.get("transfers").asInt()).isEqualTo(1);
    assertThat(call.get("segments").toString()).containsSubsequence("\"agent\":\"1601\"", "\"end\":\"transfer\"",
        "\"agent\":\"+34911222333\"", "\"end\":\"end\"");
    Wav.Pcm wav = Wav.read(new ByteArrayInputStream(
        atalaya.get("/api/v1/recordings/" + call.get("recordingId").asText() + "/audio").body()));
    short[] right = wav.channel(1);
    assertThat(Goertzel.detects(Arrays.copyOfRange(right, 0, 8000), 8000, AGENT_HZ)).as("the agent first").isTrue();
    assertThat(Goertzel.detects(Arrays.copyOfRange(right, right.length - 12000, right.length - 4000), 8000,
        OUTSIDE_HZ)).as("then the outside number, on the same side").isTrue();
    assertThat(Goertzel.detects(wav.channel(0), 8000, CUSTOMER_HZ)).as("the customer throughout, left").isTrue();
  }

  @Test
  void aBusyNumberSendsTheCustomerBackToItsQueue() throws Exception {
    atalaya.put("/api/v1/routing", "{\"queues\": [], \"trunk\": {\"uri\": \"sip:127.0.0.1:" + trunkPort + "\"}}");
    try (RtpProbe customerEar = new RtpProbe();
        RtpProbe agentEar = new RtpProbe();
        Sipp agent = Phones.agent(dir, "agent-busy-case", agentPort, agentEar, AGENT_HZ, 2, 40);
        Sipp customer = Phones.customer(dir, "customer-busy-case", atalaya.sipPort, customerEar, CUSTOMER_HZ, 9000,
            40)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> connectedTo("1601") != null);
      String id = connectedTo("1601").id();
      try (Sipp busy = Sipp.start(dir.resolve("outside-busy"), "agent-busy", Map.of(),
          "-p", "" + trunkPort, "-m", "1", "-timeout", "20")) {
        assertThat(transfer(id, "{\"to\": \"external:600999888\"}").statusCode()).isEqualTo(200);
        assertThat(busy.await(10)).as(busy.logs()).isZero();
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> connectedTo("1601") != null);
      assertThat(connectedTo("1601").id()).as("the same call, back with the agent").isEqualTo(id);
      assertThat(customer.await(20)).as(customer.logs()).isZero();
      assertThat(agent.await(10)).as(agent.logs()).isZero();
    }
  }

  private static ActiveCall connectedTo(String agent) {
    return atalaya.node.calls().list(Tenants.DEFAULT).stream()
        .filter(c -> agent.equals(c.agentExtension()) && c.state() == ActiveCall.State.CONNECTED)
        .findFirst().orElse(null);
  }

  private static HttpResponse<String> transfer(String id, String body) throws Exception {
    return atalaya.send("POST", "/api/v1/calls/" + id + "/transfer", body, NodeHarness.ADMIN, NodeHarness.ADMIN_PASSWORD);
  }
}

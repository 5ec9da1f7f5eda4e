package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.routing.AgentState;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.media.audio.Goertzel;
import org.atalaya.media.audio.Wav;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller (440 Hz) is handed from a first agent (1000 Hz) to a second (1700 Hz): blind, by a
 * REFER from the first agent's sipp phone, and attended, from the web. The caller hears both
 * agents in turn, the one stereo recording holds both on its right channel in order, and the call
 * record lists each agent's segment.
 */
class TransferE2ETest {
  private static final double CUSTOMER_HZ = 440;
  private static final double FIRST_HZ = 1000;
  private static final double SECOND_HZ = 1700;
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static int firstPort;
  static int secondPort;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 48000, 8, 20);
    atalaya.put("/api/v1/routing", "{\"queues\": [{\"name\": \"default\"}, {\"name\": \"supervisors\","
        + " \"strategy\": \"ring-all\", \"skills\": {\"escalation\": 1}}], \"agents\": {\"1502\": {\"escalation\": 1}}}");
    atalaya.addAgent("1501", "agent-pass-1501");
    atalaya.addAgent("1502", "agent-pass-1502");
    firstPort = NodeHarness.freePort();
    secondPort = NodeHarness.freePort();
    atalaya.register(dir.resolve("reg1"), firstPort, "1501", "agent-pass-1501");
    atalaya.register(dir.resolve("reg2"), secondPort, "1502", "agent-pass-1502");
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  /** Both agents free, whatever wrap-up the previous test left them in. */
  @BeforeEach
  void bothFree() {
    for (String ext : new String[] {"1501", "1502"}) {
      atalaya.node.acd().login(ext);
      atalaya.node.acd().ready(ext);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.acd().agent("1501").orElseThrow().state()
        == AgentState.AVAILABLE && atalaya.node.acd().agent("1502").orElseThrow().state() == AgentState.AVAILABLE);
  }

  @Test
  void blindTransferByReferFromTheAgentsPhone() throws Exception {
    // The ACD must offer the caller to 1501: 1502 logs in only once 1501 has it.
    atalaya.node.acd().logout("1502");
    try (RtpProbe customerEar = new RtpProbe();
        RtpProbe firstEar = new RtpProbe();
        RtpProbe secondEar = new RtpProbe();
        Sipp first = Sipp.start(dir.resolve("blind-first"), "agent-transfer",
            Map.of("RTPPORT", "" + firstEar.port(), "PT", "0", "CODEC", "PCMU",
                "TONE", ToneFiles.write(dir, FIRST_HZ, 0).toString(),
                "ANSWERDELAY", "200", "TALKMS", "2500", "TARGET", "1502"),
            "-p", "" + firstPort, "-m", "1", "-timeout", "30", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp second = Phones.agent(dir, "blind-second", secondPort, secondEar, SECOND_HZ, 1, 40);
        Sipp customer = Phones.customer(dir, "blind-customer", atalaya.sipPort, customerEar, CUSTOMER_HZ, 7000, 40)) {
      try {
        await().atMost(Duration.ofSeconds(10)).until(() -> connectedTo("1501") != null);
      } catch (RuntimeException e) {
        throw new AssertionError("1501 never answered: " + first.logs() + customer.logs(), e);
      }
      atalaya.node.acd().login("1502");
      assertThat(first.await(20)).as(first.logs()).isZero();
      assertThat(customer.await(20)).as(customer.logs()).isZero();
      assertThat(second.await(10)).as(second.logs()).isZero();
      short[] heard = customerEar.pcm();
      assertThat(Goertzel.detects(Hearing.slice(heard, 8000, 16000), 8000, FIRST_HZ)).as("first agent").isTrue();
      assertThat(Goertzel.detects(Hearing.slice(heard, heard.length - 16000, heard.length - 4000), 8000, SECOND_HZ))
          .as("then the second").isTrue();
      assertThat(Goertzel.detects(secondEar.pcm(), 8000, CUSTOMER_HZ)).as("the second agent hears the caller").isTrue();
    }
    JsonNode call = lastCall();
    assertThat(call.get("transfers").asInt()).isEqualTo(1);
    assertThat(call.get("agent").asText()).isEqualTo("1501");
    assertThat(call.get("disposition").asText()).isEqualTo("ANSWERED");
    assertThat(call.get("segments").toString()).containsSubsequence("\"agent\":\"1501\"", "\"end\":\"transfer\"",
        "\"agent\":\"1502\"", "\"end\":\"end\"");
    assertRecordingHoldsFirstThenSecond(call);
  }

  @Test
  void attendedTransferFromTheWebConsultsThenHandsOver() throws Exception {
    atalaya.node.acd().logout("1502");
    try (RtpProbe customerEar = new RtpProbe();
        RtpProbe firstEar = new RtpProbe();
        RtpProbe secondEar = new RtpProbe();
        Sipp first = Phones.agent(dir, "att-first", firstPort, firstEar, FIRST_HZ, 1, 40);
        Sipp second = Phones.agent(dir, "att-second", secondPort, secondEar, SECOND_HZ, 1, 40);
        Sipp customer = Phones.customer(dir, "att-customer", atalaya.sipPort, customerEar, CUSTOMER_HZ, 9000, 40)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> connectedTo("1501") != null);
      String id = connectedTo("1501").id();
      Thread.sleep(1500);
      // Refused before anything moves: no such queue, the agent itself, a logged-out agent.
      assertThat(transfer(id, "{\"to\": \"queue:nadie\"}").statusCode()).isEqualTo(400);
      assertThat(transfer(id, "{\"to\": \"agent:1501\", \"mode\": \"attended\"}").statusCode()).isEqualTo(400);
      HttpResponse<String> loggedOut = transfer(id, "{\"to\": \"agent:1502\", \"mode\": \"attended\"}");
      assertThat(loggedOut.statusCode()).as(loggedOut.body()).isEqualTo(409);
      assertThat(transfer(id, "{\"to\": \"agent:1502\", \"mode\": \"sideways\"}").statusCode()).isEqualTo(400);
      assertThat(post("/api/v1/calls/" + id + "/transfer/complete").statusCode()).as("none in progress").isEqualTo(409);
      atalaya.node.acd().login("1502");

      HttpResponse<String> started = transfer(id, "{\"to\": \"agent:1502\", \"mode\": \"attended\"}");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
      assertThat(started.body()).contains("TRANSFERRING");
      await().atMost(Duration.ofSeconds(8)).until(() -> atalaya.node.acd().agent("1502").orElseThrow().state()
          == AgentState.ON_CALL);
      customerEar.clear();
      firstEar.clear();
      Thread.sleep(1500);
      assertThat(Goertzel.detects(firstEar.pcm(), 8000, SECOND_HZ)).as("the agents consult").isTrue();
      assertThat(Goertzel.detects(firstEar.pcm(), 8000, CUSTOMER_HZ)).as("without the caller").isFalse();
      assertThat(Goertzel.detects(customerEar.pcm(), 8000, FIRST_HZ)).as("the caller hears neither agent").isFalse();
      assertThat(Goertzel.detects(customerEar.pcm(), 8000, SECOND_HZ)).isFalse();
      assertThat(Goertzel.rms(customerEar.pcm())).as("but music").isGreaterThan(200);

      HttpResponse<String> done = post("/api/v1/calls/" + id + "/transfer/complete");
      assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
      assertThat(done.body()).contains("\"agentExtension\":\"1502\"").contains("CONNECTED");
      assertThat(first.await(10)).as("the first agent is hung up: " + first.logs()).isZero();
      customerEar.clear();
      Thread.sleep(1500);
      assertThat(Goertzel.detects(customerEar.pcm(), 8000, SECOND_HZ)).as("the caller has the second agent").isTrue();
      assertThat(customer.await(20)).as(customer.logs()).isZero();
      assertThat(second.await(10)).as(second.logs()).isZero();
    }
    JsonNode call = lastCall();
    assertThat(call.get("transfers").asInt()).isEqualTo(1);
    assertThat(call.get("segments").toString()).containsSubsequence("\"agent\":\"1501\"",
        "\"end\":\"attended-transfer\"", "\"agent\":\"1502\"", "\"end\":\"end\"");
    assertThat(atalaya.items("/api/v1/audit?action=call.transfer").toString())
        .contains("call:" + call.get("id").asText()).contains("mode=attended");
    assertRecordingHoldsFirstThenSecond(call);
  }

  @Test
  void theAgentEscalatesToTheSupervisorsQueue() throws Exception {
    atalaya.node.acd().logout("1502");
    try (RtpProbe customerEar = new RtpProbe();
        RtpProbe firstEar = new RtpProbe();
        RtpProbe secondEar = new RtpProbe();
        Sipp first = Phones.agent(dir, "esc-first", firstPort, firstEar, FIRST_HZ, 1, 40);
        Sipp supervisor = Phones.agent(dir, "esc-supervisor", secondPort, secondEar, SECOND_HZ, 1, 40);
        Sipp customer = Phones.customer(dir, "esc-customer", atalaya.sipPort, customerEar, CUSTOMER_HZ, 6000, 40)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> connectedTo("1501") != null);
      String id = connectedTo("1501").id();
      atalaya.node.acd().login("1502");
      HttpResponse<String> escalated = atalaya.send("POST", "/api/v1/calls/" + id + "/escalate",
          "{\"reason\": \"amenaza de demanda\"}", NodeHarness.ADMIN, NodeHarness.ADMIN_PASSWORD);
      assertThat(escalated.statusCode()).as(escalated.body()).isEqualTo(200);
      assertThat(first.await(10)).as("the agent is released: " + first.logs()).isZero();
      await().atMost(Duration.ofSeconds(8)).until(() -> connectedTo("1502") != null);
      assertThat(connectedTo("1502").queue()).isEqualTo("supervisors");
      assertThat(customer.await(20)).as(customer.logs()).isZero();
      assertThat(supervisor.await(10)).as(supervisor.logs()).isZero();
    }
    JsonNode call = lastCall();
    assertThat(call.get("segments").toString()).containsSubsequence("\"agent\":\"1501\"", "\"end\":\"transfer\"",
        "\"agent\":\"1502\"");
    assertThat(atalaya.items("/api/v1/audit?action=call.escalate").toString())
        .contains("call:" + call.get("id").asText()).contains("reason=amenaza de demanda");
  }

  private static ActiveCall connectedTo(String agent) {
    return atalaya.node.calls().list(Tenants.DEFAULT).stream()
        .filter(c -> agent.equals(c.agentExtension()) && c.state() == ActiveCall.State.CONNECTED)
        .findFirst().orElse(null);
  }

  private static HttpResponse<String> transfer(String id, String body) throws Exception {
    return atalaya.send("POST", "/api/v1/calls/" + id + "/transfer", body, NodeHarness.ADMIN, NodeHarness.ADMIN_PASSWORD);
  }

  private static HttpResponse<String> post(String path) throws Exception {
    return atalaya.send("POST", path, null, NodeHarness.ADMIN, NodeHarness.ADMIN_PASSWORD);
  }

  private static JsonNode lastCall() throws Exception {
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);
    String id = atalaya.items("/api/v1/calls").get(0).get("id").asText();
    return atalaya.getJson("/api/v1/calls/" + id);
  }

  /** The right channel: the first agent in its first seconds, the second in its last, never mixed up. */
  private static void assertRecordingHoldsFirstThenSecond(JsonNode call) throws Exception {
    String recording = call.get("recordingId").asText();
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.get("/api/v1/recordings/" + recording + "/audio")
        .statusCode() == 200);
    HttpResponse<byte[]> audio = atalaya.get("/api/v1/recordings/" + recording + "/audio");
    Wav.Pcm wav = Wav.read(new ByteArrayInputStream(audio.body()));
    short[] right = wav.channel(1);
    short[] left = wav.channel(0);
    assertThat(right.length).as("recording length").isGreaterThan(8000 * 5);
    short[] start = Hearing.slice(right, 2000, 10000);
    short[] end = Hearing.slice(right, right.length - 12000, right.length - 2000);
    assertThat(Goertzel.detects(start, 8000, FIRST_HZ)).as("the first agent starts the recording").isTrue();
    assertThat(Goertzel.detects(start, 8000, SECOND_HZ)).isFalse();
    assertThat(Goertzel.detects(end, 8000, SECOND_HZ)).as("the second agent ends it").isTrue();
    assertThat(Goertzel.detects(end, 8000, FIRST_HZ)).isFalse();
    assertThat(Goertzel.detects(left, 8000, CUSTOMER_HZ)).as("the caller throughout, on the left").isTrue();
  }
}

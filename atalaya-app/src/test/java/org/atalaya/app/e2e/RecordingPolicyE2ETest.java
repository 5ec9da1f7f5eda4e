package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.core.users.Role;
import org.atalaya.media.audio.Goertzel;
import org.atalaya.media.audio.Wav;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording policy and consent against real peers: the tenant's consent prompt (a 2600 Hz tone
 * here, so it can be told apart) reaches the caller before the agent's voice; a caller who
 * presses 9 during it is not recorded and cannot be recorded on demand; in on-demand mode the
 * agent starts, stops and restarts one recording through the API, and the stop is a marked gap.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordingPolicyE2ETest {
  private static final double PROMPT_HZ = 2600;
  private static final double CUSTOMER_HZ = 440;
  private static final double AGENT_HZ = 1000;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static NodeHarness atalaya;
  static int agentPort;
  static Path customerTone;
  static Path agentTone;

  @BeforeAll
  static void start() throws Exception {
    // The tenant's own consent prompt: 1.5 s of 2600 Hz.
    Path prompt = dir.resolve("data/prompts/default/es/consent.wav");
    Files.createDirectories(prompt.getParent());
    short[] tone = new short[12000];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (short) (8000 * Math.sin(2 * Math.PI * PROMPT_HZ * i / 8000.0));
    }
    Files.write(prompt, Wav.toBytes(8000, 1, tone));
    atalaya = NodeHarness.start(dir.resolve("data"), 51000, 8, 30);
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "ana", "ana-password", Role.AGENT, "1001");
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "sup", "sup-password", Role.SUPERVISOR, null);
    atalaya.addAgent("1001", "agent-pass-1001");
    agentPort = NodeHarness.freePort();
    atalaya.register(dir.resolve("reg"), agentPort, "1001", "agent-pass-1001");
    customerTone = ToneFiles.write(dir, CUSTOMER_HZ, 0);
    agentTone = ToneFiles.write(dir, AGENT_HZ, 8);
  }

  @AfterAll
  static void stop() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  @Order(1)
  void theConsentPromptIsHeardBeforeTheAgentAndTheOutcomeIsStored() throws Exception {
    // Only admins change the policy, and a bad one is refused with the field named.
    assertThat(put("{\"mode\":\"all\"}", "sup", "sup-password").statusCode()).isEqualTo(403);
    HttpResponse<String> bad = put("{\"mode\":\"all\",\"rules\":[{\"action\":\"record\",\"samplePercent\":300}]}",
        NodeHarness.ADMIN, NodeHarness.ADMIN_PASSWORD);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("rules[0]").contains("samplePercent");
    assertThat(put("{\"mode\":\"all\",\"consent\":{\"announce\":true,\"optOutKey\":\"9\"}}", NodeHarness.ADMIN,
        NodeHarness.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(atalaya.getJson("/api/v1/recording-policy").toString()).contains("\"optOutKey\":\"9\"");

    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = agent(agentEar);
        Sipp customer = Sipp.start(dir.resolve("c1"), "customer-call",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", customerTone.toString(),
                "TALKMS", "6000"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout",
            "40", "-mp", "" + (NodeHarness.freePort() & ~1))) {
      assertThat(customer.await(40)).as(customer.logs()).isZero();
      assertThat(agent.await(15)).as(agent.logs()).isZero();
      short[] heard = customerEar.pcm();
      int lastPrompt = -1;
      int firstAgent = -1;
      for (int at = 0; at + 800 <= heard.length; at += 800) {
        short[] block = Arrays.copyOfRange(heard, at, at + 800);
        if (Goertzel.detects(block, 8000, PROMPT_HZ)) {
          lastPrompt = at;
        }
        if (firstAgent < 0 && Goertzel.detects(block, 8000, AGENT_HZ)) {
          firstAgent = at;
        }
      }
      assertThat(lastPrompt).as("the caller heard the consent prompt").isGreaterThanOrEqualTo(8000);
      assertThat(firstAgent).as("the caller heard the agent").isPositive();
      assertThat(firstAgent).as("only after the prompt ended").isGreaterThan(lastPrompt);
    }
    JsonNode call = awaitLastCall();
    assertThat(call.get("consent").asText()).isEqualTo("ANNOUNCED");
    assertThat(call.get("recordingId").isNull()).as("recorded").isFalse();
    Wav.Pcm wav = wav(call.get("recordingId").asText());
    assertThat(Goertzel.detects(CallPathE2ETest.middle(wav.channel(0)), 8000, CUSTOMER_HZ)).isTrue();
    assertThat(Goertzel.share(wav.channel(0), 8000, PROMPT_HZ)).as("the prompt is not in the recording").isLessThan(0.05);
  }

  @Test
  @Order(2)
  void aCallerWhoPressesTheOptOutKeyIsNotRecordedEvenOnDemand() throws Exception {
    // The policy of the first test, set again when this one runs alone (a rerun).
    if (!atalaya.getJson("/api/v1/recording-policy").toString().contains("\"optOutKey\":\"9\"")) {
      assertThat(put("{\"mode\":\"all\",\"consent\":{\"announce\":true,\"optOutKey\":\"9\"}}",
          NodeHarness.ADMIN, NodeHarness.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }
    int before = atalaya.items("/api/v1/recordings").size();
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = agent(agentEar);
        // The call is CONNECTED only after the prompt and the agent's answer: 10 s of talk leaves
        // the poll below a wide window (4 s left under 3 s, which a loaded CI machine missed).
        Sipp customer = Sipp.start(dir.resolve("c2"), "customer-opt-out",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", customerTone.toString(),
                "TALKMS", "10000", "KEY", "9", "KEYAFTER", "300"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout",
            "40", "-mp", "" + (NodeHarness.freePort() & ~1))) {
      String callId = awaitConnected();
      HttpResponse<String> refused = post("/api/v1/calls/" + callId + "/recording", "{\"on\":true}", "ana", "ana-password");
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(refused.body()).contains("declined");
      assertThat(customer.await(40)).as(customer.logs()).isZero();
      assertThat(agent.await(15)).as(agent.logs()).isZero();
    }
    JsonNode call = awaitLastCall();
    assertThat(call.get("consent").asText()).isEqualTo("OPTED_OUT");
    assertThat(call.get("recordingId").isNull()).isTrue();
    assertThat(atalaya.items("/api/v1/recordings").size()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void onDemandTheAgentStartsStopsAndRestartsOneRecordingWithTheStopMarked() throws Exception {
    assertThat(put("{\"mode\":\"on-demand\"}", NodeHarness.ADMIN, NodeHarness.ADMIN_PASSWORD).statusCode())
        .isEqualTo(200);
    int before = atalaya.items("/api/v1/recordings").size();
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = agent(agentEar);
        Sipp customer = Sipp.start(dir.resolve("c3"), "customer-call",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", customerTone.toString(),
                "TALKMS", "9000"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout",
            "40", "-mp", "" + (NodeHarness.freePort() & ~1))) {
      String callId = awaitConnected();
      Thread.sleep(1000);
      assertThat(atalaya.items("/api/v1/recordings").size()).as("nothing recorded until asked").isEqualTo(before);
      assertThat(post("/api/v1/calls/" + callId + "/recording", "{\"on\":true}", "ana", "ana-password").statusCode())
          .isEqualTo(200);
      Thread.sleep(1500);
      assertThat(post("/api/v1/calls/" + callId + "/recording", "{\"on\":false}", "sup", "sup-password").statusCode())
          .isEqualTo(200);
      Thread.sleep(1500);
      assertThat(post("/api/v1/calls/" + callId + "/recording", "{\"on\":true}", "ana", "ana-password").statusCode())
          .isEqualTo(200);
      assertThat(customer.await(40)).as(customer.logs()).isZero();
      assertThat(agent.await(15)).as(agent.logs()).isZero();
    }
    JsonNode call = awaitLastCall();
    assertThat(call.get("consent").asText()).isEqualTo("NOT_REQUIRED");
    String recordingId = call.get("recordingId").asText();
    JsonNode gaps = atalaya.getJson("/api/v1/recordings/" + recordingId + "/gaps");
    assertThat(gaps.size()).isEqualTo(1);
    assertThat(gaps.get(0).get("reason").asText()).isEqualTo("stopped");
    long from = gaps.get(0).get("startMillis").asLong();
    long to = gaps.get(0).get("endMillis").asLong();
    assertThat(from).as("recorded ~1.5 s first").isBetween(1200L, 2200L);
    assertThat(to - from).as("stopped ~1.5 s").isBetween(1200L, 2200L);
    Wav.Pcm wav = wav(recordingId);
    short[] left = wav.channel(0);
    assertThat(Goertzel.rms(Arrays.copyOfRange(left, (int) from * 8 + 400, (int) to * 8 - 400))).isZero();
    assertThat(Goertzel.detects(Arrays.copyOfRange(left, 800, (int) from * 8 - 400), 8000, CUSTOMER_HZ)).isTrue();
    assertThat(Goertzel.detects(Arrays.copyOfRange(left, (int) to * 8 + 800, left.length - 800), 8000, CUSTOMER_HZ))
        .isTrue();
    var audit = atalaya.node.auditLog().forTarget(Tenants.DEFAULT, "call:" + call.get("id").asText());
    assertThat(audit).extracting(e -> e.event().action() + " " + e.event().actor())
        .containsSubsequence("recording.start ana", "recording.stop sup", "recording.start ana");
    var policyChanges = atalaya.node.auditLog().forTarget(Tenants.DEFAULT, "recording-policy");
    assertThat(policyChanges).extracting(e -> e.event().action()).containsOnly("policy.change").hasSize(2);
    assertThat(policyChanges.getLast().event().detail()).contains("before: mode=ALL").contains("after: mode=ON_DEMAND");
  }

  private static Sipp agent(RtpProbe ear) throws Exception {
    return Sipp.start(dir.resolve("agent-" + System.nanoTime()), "agent-answer",
        Map.of("RTPPORT", "" + ear.port(), "PT", "8", "CODEC", "PCMA", "TONE", agentTone.toString(), "ANSWERDELAY", "200"),
        "-p", "" + agentPort, "-m", "1", "-timeout", "40", "-mp", "" + (NodeHarness.freePort() & ~1));
  }

  private static String awaitConnected() {
    String[] id = new String[1];
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
      for (JsonNode c : atalaya.getJson("/api/v1/calls/active")) {
        if ("CONNECTED".equals(c.path("state").asText())) {
          id[0] = c.get("id").asText();
          return true;
        }
      }
      return false;
    });
    return id[0];
  }

  private static JsonNode awaitLastCall() throws Exception {
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);
    return atalaya.items("/api/v1/calls").get(0);
  }

  private static Wav.Pcm wav(String id) throws Exception {
    return Wav.read(new ByteArrayInputStream(atalaya.get("/api/v1/recordings/" + id + "/audio").body()));
  }

  private static HttpResponse<String> put(String body, String user, String password) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + atalaya.node.webPort()
            + "/api/v1/recording-policy")).header("Authorization", basic(user, password))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body, String user, String password) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + atalaya.node.webPort() + path))
        .header("Authorization", basic(user, password)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}

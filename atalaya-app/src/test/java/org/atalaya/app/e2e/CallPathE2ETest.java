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
 * The call path end to end against real sipp peers: a customer (440 Hz, PCMU) calls in, a
 * registered agent (1000 Hz, PCMA) answers; each must hear the other's tone through Atalaya's
 * anchored, transcoding relay, and the recording must hold the customer left and the agent right.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallPathE2ETest {
  private static final double CUSTOMER_HZ = 440;
  private static final double AGENT_HZ = 1000;

  @TempDir static Path dir;
  static NodeHarness atalaya;
  static Path customerTone;
  static Path agentTone;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 32000, 4, 12);
    customerTone = ToneFiles.write(dir, CUSTOMER_HZ, 0);
    agentTone = ToneFiles.write(dir, AGENT_HZ, 8);
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  @Order(1)
  void noAgentRegisteredTheCallerHearsTheMessageAndTheCallIsLoggedUnanswered() throws Exception {
    try (RtpProbe customerEar = new RtpProbe();
        Sipp customer = Sipp.start(dir.resolve("noagent"), "customer-hears-message",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "30")) {
      assertThat(customer.await(40)).as(customer.logs()).isZero();
      assertThat(customerEar.packets()).as("prompt packets").isGreaterThan(50);
      assertThat(Goertzel.rms(customerEar.pcm())).as("the prompt is speech, not silence").isGreaterThan(200);
    }
    JsonNode calls = atalaya.items("/api/v1/calls");
    assertThat(calls.toString()).contains("UNANSWERED");
  }

  @Test
  @Order(2)
  void customerAndAgentHearEachOtherThroughAtalayaAndTheRecordingIsStereo() throws Exception {
    atalaya.addAgent("1001", "agent-pass-1001");
    Path agentDir = dir.resolve("agent");
    int agentPort = NodeHarness.freePort();
    register(agentDir, agentPort, "1001", "agent-pass-1001");
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.acd().registeredAgents() == 1);

    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = Sipp.start(agentDir, "agent-answer",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "8", "CODEC", "PCMA", "TONE", agentTone.toString(), "ANSWERDELAY", "300"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "40", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("customer"), "customer-call",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", customerTone.toString(), "TALKMS", "4000"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "40",
            "-mp", "" + (NodeHarness.freePort() & ~1))) {
      assertThat(customer.await(40)).as(customer.logs()).isZero();
      assertThat(agent.await(15)).as(agent.logs()).isZero();

      assertThat(customerEar.lastPayloadType()).as("customer hears PCMU").isZero();
      assertThat(agentEar.lastPayloadType()).as("agent hears PCMA: transcoded").isEqualTo(8);
      short[] heardByCustomer = middle(customerEar.pcm());
      short[] heardByAgent = middle(agentEar.pcm());
      assertThat(Goertzel.detects(heardByCustomer, 8000, AGENT_HZ)).as("customer hears the agent").isTrue();
      assertThat(Goertzel.detects(heardByCustomer, 8000, CUSTOMER_HZ)).as("customer does not hear itself").isFalse();
      assertThat(Goertzel.detects(heardByAgent, 8000, CUSTOMER_HZ)).as("agent hears the customer").isTrue();
      assertThat(Goertzel.detects(heardByAgent, 8000, AGENT_HZ)).as("agent does not hear itself").isFalse();
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);
    JsonNode recordings = atalaya.items("/api/v1/recordings");
    assertThat(recordings.size()).isEqualTo(1);
    JsonNode rec = recordings.get(0);
    assertThat(rec.get("agent").asText()).isEqualTo("1001");
    assertThat(rec.get("from").asText()).isEqualTo("+34600111222");
    assertThat(rec.get("durationMillis").asLong()).isBetween(3000L, 6000L);

    HttpResponse<byte[]> audio = atalaya.get("/api/v1/recordings/" + rec.get("id").asText() + "/audio");
    assertThat(audio.statusCode()).isEqualTo(200);
    assertThat(audio.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("audio/wav"));
    Wav.Pcm wav = Wav.read(new ByteArrayInputStream(audio.body()));
    assertThat(wav.channels()).isEqualTo(2);
    assertThat(wav.sampleRate()).isEqualTo(8000);
    short[] left = middle(wav.channel(0));
    short[] right = middle(wav.channel(1));
    assertThat(Goertzel.detects(left, 8000, CUSTOMER_HZ)).as("left channel = customer").isTrue();
    assertThat(Goertzel.detects(left, 8000, AGENT_HZ)).as("no agent on the left").isFalse();
    assertThat(Goertzel.detects(right, 8000, AGENT_HZ)).as("right channel = agent").isTrue();
    assertThat(Goertzel.detects(right, 8000, CUSTOMER_HZ)).as("no customer on the right").isFalse();

    JsonNode calls = atalaya.items("/api/v1/calls");
    assertThat(calls.toString()).contains("ANSWERED").contains(rec.get("id").asText());
  }

  static void register(Path workDir, int port, String extension, String password) throws Exception {
    try (Sipp reg = Sipp.start(workDir, "agent-register", Map.of("USER", extension, "PASSWORD", password),
        "127.0.0.1:" + atalaya.sipPort, "-p", "" + port, "-m", "1", "-timeout", "10")) {
      assertThat(reg.await(15)).as(reg.logs()).isZero();
    }
  }

  /** The middle 60 % of a signal: away from call setup and teardown. */
  static short[] middle(short[] pcm) {
    assertThat(pcm.length).as("audio received").isGreaterThan(8000);
    return Arrays.copyOfRange(pcm, pcm.length / 5, pcm.length * 4 / 5);
  }
}

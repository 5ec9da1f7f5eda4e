package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.atalaya.media.audio.Goertzel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-call survey: the agent hangs up first, the caller stays on the line, hears the
 * question and presses 4 (sipp's RFC 4733 pcap). The rating is stored with the call and reaches
 * the KPIs; the recording holds the conversation only.
 */
class CsatE2ETest {
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static int agentPort;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 49500, 8, 20);
    atalaya.put("/api/v1/routing", "{\"queues\": [{\"name\": \"default\", \"csatSurvey\": true}]}");
    atalaya.addAgent("1701", "agent-pass-1701");
    agentPort = NodeHarness.freePort();
    atalaya.register(dir.resolve("reg"), agentPort, "1701", "agent-pass-1701");
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void theCallerRatesTheCallAfterTheAgentHangsUp() throws Exception {
    Path tone = ToneFiles.write(dir, 440, 0);
    try (RtpProbe customerEar = new RtpProbe();
        RtpProbe agentEar = new RtpProbe();
        Sipp agent = Sipp.start(dir.resolve("agent"), "agent-hangup",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "0", "CODEC", "PCMU",
                "TONE", ToneFiles.write(dir, 1000, 0).toString(), "ANSWERDELAY", "200", "TALKMS", "2000"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "30", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("customer"), "customer-survey",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", tone.toString(),
                "WAITMS", "4000", "KEY", "/usr/share/sip-tester/dtmf_2833_4.pcap"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1",
            "-timeout", "40", "-mp", "" + (NodeHarness.freePort() & ~1))) {
      assertThat(agent.await(20)).as(agent.logs()).isZero();
      short[] talk = customerEar.pcm();
      assertThat(Goertzel.detects(talk, 8000, 1000)).as("the caller heard the agent").isTrue();
      customerEar.clear();
      assertThat(customer.await(30)).as("rated, thanked, hung up by Atalaya: " + customer.logs()).isZero();
      assertThat(Goertzel.rms(customerEar.pcm())).as("the question and the thanks are speech").isGreaterThan(200);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);
    JsonNode call = atalaya.items("/api/v1/calls").get(0);
    assertThat(call.get("csat").asInt()).isEqualTo(4);
    assertThat(call.get("disposition").asText()).isEqualTo("ANSWERED");
    assertThat(call.get("endedBy").asText()).as("the agent ended the conversation").isEqualTo("agent");
    JsonNode recording = atalaya.getJson("/api/v1/recordings/" + call.get("recordingId").asText());
    assertThat(recording.get("durationMillis").asLong()).as("the conversation only, not the survey")
        .isBetween(1500L, 3500L);
    String today = LocalDate.now(atalaya.clock.withZone(ZoneOffset.UTC)).toString();
    JsonNode kpis = atalaya.getJson("/api/v1/kpis?from=" + today + "&to=" + today + "&zone=UTC");
    assertThat(kpis.get("rows").get(0).get("figures").get("csatAverage").asDouble()).isEqualTo(4.0);
    assertThat(kpis.get("rows").get(0).get("figures").get("csatResponses").asInt()).isEqualTo(1);
  }
}

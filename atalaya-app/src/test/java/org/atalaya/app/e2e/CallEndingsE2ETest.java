package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.atalaya.media.audio.Goertzel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How calls end, against real sipp peers: the caller hangs up while the agent's phone rings,
 * the agent declines, the agent hangs up first, and hold/unhold in the middle of a call.
 * Each leaves no live call, open port or SIP leg behind.
 */
class CallEndingsE2ETest {
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static Path customerTone;
  static Path agentTone;
  static int agentPort;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 34000, 6, 8);
    agentPort = atalaya.addRegisteredAgent(dir.resolve("reg"), "1101", "agent-pass-1101");
    customerTone = ToneFiles.write(dir, 440, 0);
    agentTone = ToneFiles.write(dir, 1000, 0);
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @AfterEach
  void nothingLeaks() {
    atalaya.awaitNothingLeft();
  }

  @Test
  void callerHangingUpWhileTheAgentRingsIsAbandonedAndTheAgentIsCancelled() throws Exception {
    try (RtpProbe ear = new RtpProbe();
        Sipp agent = Sipp.start(dir.resolve("cancel-agent"), "agent-ring-cancel", Map.of(),
            "-p", "" + agentPort, "-m", "1", "-timeout", "20");
        Sipp customer = Sipp.start(dir.resolve("cancel-customer"), "customer-cancel",
            Map.of("RTPPORT", "" + ear.port()),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "20")) {
      assertThat(customer.await(25)).as(customer.logs()).isZero();
      assertThat(agent.await(10)).as(agent.logs()).isZero();
    }
    assertThat(atalaya.lastCall().get("disposition").asText()).isEqualTo("ABANDONED");
    assertThat(atalaya.lastCall().get("endedBy").asText()).isEqualTo("customer");
  }

  @Test
  void anAgentThatDeclinesIsNotConnectedAndTheCallerFinallyHearsTheMessage() throws Exception {
    try (RtpProbe ear = new RtpProbe();
        Sipp agent = Sipp.start(dir.resolve("busy-agent"), "agent-busy", Map.of(),
            "-p", "" + agentPort, "-timeout", "20");
        Sipp customer = Sipp.start(dir.resolve("busy-customer"), "customer-hears-message",
            Map.of("RTPPORT", "" + ear.port(), "PT", "0", "CODEC", "PCMU"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "30")) {
      assertThat(customer.await(35)).as(customer.logs()).isZero();
      assertThat(Goertzel.rms(ear.pcm())).as("the caller heard the message").isGreaterThan(200);
    }
    JsonNode call = atalaya.lastCall();
    assertThat(call.get("disposition").asText()).isEqualTo("UNANSWERED");
    assertThat(call.get("agent").isNull()).isTrue();
  }

  @Test
  void theAgentHangingUpEndsTheCustomerLegAndTheRecording() throws Exception {
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = Sipp.start(dir.resolve("bye-agent"), "agent-hangup",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", agentTone.toString(),
                "ANSWERDELAY", "200", "TALKMS", "2500"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "20", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("bye-customer"), "customer-hears-message",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "20")) {
      assertThat(customer.await(25)).as(customer.logs()).isZero();
      assertThat(agent.await(10)).as(agent.logs()).isZero();
      assertThat(Goertzel.detects(CallPathE2ETest.middle(customerEar.pcm()), 8000, 1000)).isTrue();
    }
    JsonNode call = atalaya.lastCall();
    assertThat(call.get("disposition").asText()).isEqualTo("ANSWERED");
    assertThat(call.get("endedBy").asText()).isEqualTo("agent");
    assertThat(call.get("recordingId").isNull()).isFalse();
  }

  /**
   * The caller's ACK never arrives. Atalaya used to let the stack drop the dialog after 32 s of
   * retransmitting its 200 and kept the call up for good: agent busy, recording open, and no
   * dialog left to send the caller a BYE. Now the call ends with a BYE to both parties.
   */
  @Test
  void aCallerWhoseAckNeverArrivesIsHungUpAfterTheRetransmissionsEnd() throws Exception {
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = Sipp.start(dir.resolve("noack-agent"), "agent-answer",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", agentTone.toString(), "ANSWERDELAY", "200"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "60", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("noack-customer"), "customer-no-ack",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "60")) {
      assertThat(customer.await(65)).as(customer.logs()).isZero();
      assertThat(agent.await(10)).as(agent.logs()).isZero();
    }
    JsonNode call = atalaya.lastCall();
    assertThat(call.get("disposition").asText()).isEqualTo("ANSWERED");
    assertThat(call.get("endedBy").asText()).isEqualTo("customer");
    assertThat(call.get("recordingId").isNull()).isFalse();
  }

  @Test
  void holdAndResumeKeepTheCallAndItsRecording() throws Exception {
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = Sipp.start(dir.resolve("hold-agent"), "agent-answer",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", agentTone.toString(), "ANSWERDELAY", "200"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "30", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("hold-customer"), "customer-hold",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", customerTone.toString(), "TALKMS", "1500"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "30",
            "-mp", "" + (NodeHarness.freePort() & ~1))) {
      assertThat(customer.await(35)).as(customer.logs()).isZero();
      assertThat(agent.await(10)).as(agent.logs()).isZero();
      assertThat(Goertzel.detects(CallPathE2ETest.middle(agentEar.pcm()), 8000, 440)).isTrue();
    }
    JsonNode call = atalaya.lastCall();
    assertThat(call.get("disposition").asText()).isEqualTo("ANSWERED");
    assertThat(call.get("endedBy").asText()).isEqualTo("customer");
    JsonNode rec = atalaya.getJson("/api/v1/recordings/" + call.get("recordingId").asText());
    assertThat(rec.get("durationMillis").asLong()).as("one recording across hold").isGreaterThan(4000);
  }

  @Test
  void theAgentPuttingTheCustomerOnHoldFromItsPhoneKeepsTheCall() throws Exception {
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = Sipp.start(dir.resolve("agent-hold"), "agent-hold",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", agentTone.toString(), "ANSWERDELAY", "200"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "30", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("agent-hold-customer"), "customer-call",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", customerTone.toString(), "TALKMS", "4500"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "30",
            "-mp", "" + (NodeHarness.freePort() & ~1))) {
      assertThat(customer.await(35)).as(customer.logs()).isZero();
      assertThat(agent.await(10)).as(agent.logs()).isZero();
    }
    JsonNode call = atalaya.lastCall();
    assertThat(call.get("disposition").asText()).isEqualTo("ANSWERED");
    assertThat(call.get("endedBy").asText()).isEqualTo("customer");
    assertThat(atalaya.getJson("/api/v1/recordings/" + call.get("recordingId").asText()).get("durationMillis").asLong())
        .isGreaterThan(3500);
  }
}

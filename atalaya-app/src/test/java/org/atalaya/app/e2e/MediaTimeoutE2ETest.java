package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The media timeout, against real sipp peers, with {@code media.timeout-seconds=3}: a caller or
 * an agent whose phone sends no RTP is hung up on with a BYE, and the call ends as if that side
 * had hung up; a call on hold, with no RTP either way, is left alone. The load bench found the
 * need: a caller that vanished without a BYE kept its call, agent and recording up until Atalaya
 * stopped.
 */
class MediaTimeoutE2ETest {
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static Path customerTone;
  static Path agentTone;
  static int agentPort;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 40000, 6, 8, c -> c.withMediaTimeout(3));
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
  void aCallerSendingNoRtpIsHungUpAndTheAgentReleased() throws Exception {
    long started = System.nanoTime();
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = Sipp.start(dir.resolve("silent-caller-agent"), "agent-answer",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", agentTone.toString(),
                "ANSWERDELAY", "200"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "30", "-mp", "" + (NodeHarness.freePort() & ~1));
        // Never sends RTP and never hangs up: it waits for Atalaya's BYE.
        Sipp customer = Sipp.start(dir.resolve("silent-caller"), "customer-hears-message",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "30")) {
      assertThat(customer.await(35)).as(customer.logs()).isZero();
      assertThat(agent.await(10)).as(agent.logs()).isZero();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(seconds).as("hung up after the 3 s timeout, checked every second").isBetween(3.0, 12.0);
    JsonNode call = atalaya.lastCall();
    assertThat(call.get("disposition").asText()).isEqualTo("ANSWERED");
    assertThat(call.get("endedBy").asText()).isEqualTo("customer");
    assertThat(call.get("recordingId").isNull()).isFalse();
  }

  @Test
  void anAgentSendingNoRtpIsHungUpAndTheCallEndsAsIfTheAgentHadHungUp() throws Exception {
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = Sipp.start(dir.resolve("silent-agent"), "agent-silent",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "0", "CODEC", "PCMU", "ANSWERDELAY", "200"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "30");
        Sipp customer = Sipp.start(dir.resolve("silent-agent-customer"), "customer-talks-until-bye",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", customerTone.toString()),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "30",
            "-mp", "" + (NodeHarness.freePort() & ~1))) {
      assertThat(agent.await(35)).as(agent.logs()).isZero();
      assertThat(customer.await(10)).as(customer.logs()).isZero();
    }
    JsonNode call = atalaya.lastCall();
    assertThat(call.get("disposition").asText()).isEqualTo("ANSWERED");
    assertThat(call.get("endedBy").asText()).isEqualTo("agent");
  }

  @Test
  void aHoldLongerThanTheTimeoutDoesNotEndTheCall() throws Exception {
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = Sipp.start(dir.resolve("hold-agent"), "agent-answer",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", agentTone.toString(),
                "ANSWERDELAY", "200"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "30", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("hold-customer"), "customer-long-hold",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", customerTone.toString(),
                "HOLDMS", "7000", "TALKMS", "1500"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "30",
            "-mp", "" + (NodeHarness.freePort() & ~1))) {
      assertThat(customer.await(35)).as(customer.logs()).isZero();
      assertThat(agent.await(10)).as(agent.logs()).isZero();
    }
    JsonNode call = atalaya.lastCall();
    assertThat(call.get("disposition").asText()).isEqualTo("ANSWERED");
    assertThat(call.get("endedBy").asText()).as("the customer's own BYE, after the hold").isEqualTo("customer");
  }
}

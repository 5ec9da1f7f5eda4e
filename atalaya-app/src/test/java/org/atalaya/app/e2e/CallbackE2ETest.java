package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * A callback keeps the caller's place. One agent is busy with a first caller; a second caller
 * presses the callback key and is hung up; a third arrives and waits on the line. When the agent
 * is free, the callback goes first: Atalaya rings the agent, then calls the second caller back at
 * its Contact (a sipp answering on the same port); only then does the third caller get the agent.
 */
class CallbackE2ETest {
  private static final double WAITING_HZ = 440;
  private static final double CALLED_BACK_HZ = 600;
  private static final double AGENT_HZ = 1000;
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static int agentPort;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 54000, 8, 60);
    atalaya.put("/api/v1/routing", "{\"queues\": [{\"name\": \"default\", \"callbackKey\": \"1\"}]}");
    atalaya.addAgent("1901", "agent-pass-1901");
    agentPort = NodeHarness.freePort();
    atalaya.register(dir.resolve("reg"), agentPort, "1901", "agent-pass-1901");
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void theCallbackIsServedBeforeALaterCallerAndBridgedWhenTheCustomerAnswers() throws Exception {
    Path waitingTone = ToneFiles.write(dir, WAITING_HZ, 0);
    int callbackPort = NodeHarness.freePort();
    String secondId;
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe firstEar = new RtpProbe();
        RtpProbe secondEar = new RtpProbe();
        RtpProbe thirdEar = new RtpProbe();
        Sipp agent = Phones.agent(dir, "agent", agentPort, agentEar, AGENT_HZ, 3, 60);
        Sipp first = Phones.customer(dir, "first", atalaya.sipPort, firstEar, WAITING_HZ, 10_000, 60)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> state("+34600111222") == ActiveCall.State.CONNECTED);

      try (Sipp asks = Sipp.start(dir.resolve("second-asks"), "customer-callback-request",
          Map.of("RTPPORT", "" + secondEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", waitingTone.toString(),
              "WAITMS", "1500", "KEY", "/usr/share/sip-tester/dtmf_2833_1.pcap"),
          "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + callbackPort, "-m", "1", "-timeout", "30",
          "-mp", "" + (NodeHarness.freePort() & ~1))) {
        await().atMost(Duration.ofSeconds(8)).until(() -> state("+34600222333") == ActiveCall.State.CALLBACK);
        secondId = call("+34600222333").id();
        assertThat(asks.await(15)).as("confirmed and hung up: " + asks.logs()).isZero();
      }
      assertThat(atalaya.node.calls().list(Tenants.DEFAULT)).as("the callback waits without a leg")
          .anyMatch(c -> c.id().equals(secondId) && c.state() == ActiveCall.State.CALLBACK);

      try (Sipp third = Phones.customer(dir, "third", atalaya.sipPort, thirdEar, WAITING_HZ, 16_000, 60);
          Sipp answersCallback = Sipp.start(dir.resolve("second-answers"), "agent-hangup",
              Map.of("RTPPORT", "" + secondEar.port(), "PT", "0", "CODEC", "PCMU",
                  "TONE", ToneFiles.write(dir, CALLED_BACK_HZ, 0).toString(), "ANSWERDELAY", "300",
                  "TALKMS", "2500"),
              "-p", "" + callbackPort, "-m", "1", "-timeout", "40", "-mp", "" + (NodeHarness.freePort() & ~1))) {
        await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.acd().waiting("default") == 2);
        assertThat(first.await(20)).as(first.logs()).isZero();
        secondEar.clear();
        assertThat(answersCallback.await(20)).as("the callback rang here and talked: " + answersCallback.logs())
            .isZero();
        assertThat(Goertzel.detects(secondEar.pcm(), 8000, AGENT_HZ)).as("the called-back customer hears the agent")
            .isTrue();
        assertThat(third.await(30)).as(third.logs()).isZero();
        assertThat(agent.await(10)).as(agent.logs()).isZero();
      }
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);
    JsonNode calledBack = atalaya.getJson("/api/v1/calls/" + secondId);
    JsonNode third = atalaya.items("/api/v1/calls").get(0);
    assertThat(third.get("from").asText()).isEqualTo("+34600111222");
    assertThat(calledBack.get("callback").asBoolean()).isTrue();
    assertThat(calledBack.get("disposition").asText()).isEqualTo("ANSWERED");
    assertThat(calledBack.get("agent").asText()).isEqualTo("1901");
    assertThat(Instant.parse(calledBack.get("startedAt").asText())).as("the callback asked first")
        .isBefore(Instant.parse(third.get("startedAt").asText()));
    assertThat(Instant.parse(calledBack.get("answeredAt").asText())).as("and was served first, though it had hung up")
        .isBefore(Instant.parse(third.get("answeredAt").asText()));
    assertThat(third.get("callback").asBoolean()).isFalse();

    Wav.Pcm wav = Wav.read(new ByteArrayInputStream(
        atalaya.get("/api/v1/recordings/" + calledBack.get("recordingId").asText() + "/audio").body()));
    assertThat(Goertzel.detects(wav.channel(0), 8000, CALLED_BACK_HZ)).as("the called-back customer, left").isTrue();
    assertThat(Goertzel.detects(wav.channel(1), 8000, AGENT_HZ)).as("the agent, right").isTrue();
  }

  private static ActiveCall call(String from) {
    return atalaya.node.calls().list(Tenants.DEFAULT).stream().filter(c -> from.equals(c.fromNumber()))
        .findFirst().orElse(null);
  }

  private static ActiveCall.State state(String from) {
    ActiveCall c = call(from);
    return c == null ? null : c.state();
  }
}

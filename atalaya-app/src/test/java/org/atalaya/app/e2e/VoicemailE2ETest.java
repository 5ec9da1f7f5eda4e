package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.core.users.Role;
import org.atalaya.media.audio.Goertzel;
import org.atalaya.media.audio.Wav;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller reaches an IVR's voicemail step: hears the greeting and the beep, speaks (a 440 Hz
 * tone), presses # (sipp's RFC 4733 pcap), hears the thanks and is hung up. The message is the
 * call's recording, listed in the queue's mailbox for supervisors.
 */
class VoicemailE2ETest {
  private static final String NUMBER = "900555";
  @TempDir static Path dir;
  static NodeHarness atalaya;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 54500, 8, 20);
    atalaya.put("/api/v1/ivr/flows/buzon", "{\"id\": \"buzon\", \"numbers\": [\"" + NUMBER + "\"], \"start\": \"vm\","
        + " \"steps\": {\"vm\": {\"type\": \"voicemail\", \"box\": \"ventas\"}}}");
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "rosa", "rosa-secret-12", Role.AGENT, "2001");
    atalaya.put("/api/v1/routing", "{\"queues\": [{\"name\": \"default\", \"voicemail\": true}]}");
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void theMessageIsRecordedAndListedInTheQueuesMailbox() throws Exception {
    try (RtpProbe ear = new RtpProbe();
        Sipp caller = Sipp.start(dir.resolve("caller"), "customer-survey",
            Map.of("RTPPORT", "" + ear.port(), "PT", "0", "CODEC", "PCMU",
                "TONE", ToneFiles.write(dir, 440, 0).toString(), "WAITMS", "9500",
                "KEY", "/usr/share/sip-tester/dtmf_2833_pound.pcap"),
            "-s", NUMBER, "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1",
            "-timeout", "40", "-mp", "" + (NodeHarness.freePort() & ~1))) {
      assertThat(caller.await(40)).as("greeted, recorded, thanked, hung up: " + caller.logs()).isZero();
      short[] heard = ear.pcm();
      boolean beep = false;
      for (int at = 0; at + 1600 <= heard.length && !beep; at += 400) {
        beep = Goertzel.detects(java.util.Arrays.copyOfRange(heard, at, at + 1600), 8000, 850);
      }
      assertThat(beep).as("the beep after the greeting").isTrue();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);
    JsonNode box = atalaya.items("/api/v1/voicemail?box=ventas");
    assertThat(box.size()).isEqualTo(1);
    JsonNode message = box.get(0);
    assertThat(message.get("disposition").asText()).isEqualTo("VOICEMAIL");
    assertThat(message.get("queue").asText()).isEqualTo("ventas");
    assertThat(message.get("endedBy").asText()).isEqualTo("system");
    assertThat(atalaya.items("/api/v1/voicemail?box=soporte").size()).isZero();
    assertThat(atalaya.send("GET", "/api/v1/voicemail", null, "rosa", "rosa-secret-12").statusCode())
        .as("agents do not read the mailboxes").isEqualTo(403);

    String recording = message.get("recordingId").asText();
    JsonNode info = atalaya.getJson("/api/v1/recordings/" + recording);
    assertThat(info.get("durationMillis").asLong()).as("from the beep to the #").isBetween(2000L, 5000L);
    Wav.Pcm wav = Wav.read(new ByteArrayInputStream(atalaya.get("/api/v1/recordings/" + recording + "/audio").body()));
    assertThat(Goertzel.detects(wav.channel(0), 8000, 440)).as("the caller's message").isTrue();
    assertThat(Goertzel.detects(wav.channel(0), 8000, 850)).as("not the beep").isFalse();
    assertThat(Goertzel.rms(wav.channel(1))).as("nobody on the right").isLessThan(Goertzel.SILENCE_RMS);
  }

  /**
   * No agent serves the default queue, which has {@code "voicemail": true}: instead of the
   * no-agents message, the caller leaves a message in the queue's own mailbox, and the KPIs count
   * the call as offered to the queue and unanswered.
   */
  @Test
  void aQueueNobodyServesTakesAMessageInsteadOfHangingUp() throws Exception {
    try (RtpProbe ear = new RtpProbe();
        Sipp caller = Sipp.start(dir.resolve("queue-caller"), "customer-survey",
            Map.of("RTPPORT", "" + ear.port(), "PT", "0", "CODEC", "PCMU",
                "TONE", ToneFiles.write(dir, 440, 0).toString(), "WAITMS", "9500",
                "KEY", "/usr/share/sip-tester/dtmf_2833_pound.pcap"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1",
            "-timeout", "40", "-mp", "" + (NodeHarness.freePort() & ~1))) {
      assertThat(caller.await(40)).as("greeted, recorded, thanked, hung up: " + caller.logs()).isZero();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);
    JsonNode box = atalaya.items("/api/v1/voicemail?box=default");
    assertThat(box.size()).isEqualTo(1);
    assertThat(box.get(0).get("queue").asText()).isEqualTo("default");
    assertThat(box.get(0).get("disposition").asText()).isEqualTo("VOICEMAIL");
    Wav.Pcm wav = Wav.read(new ByteArrayInputStream(
        atalaya.get("/api/v1/recordings/" + box.get(0).get("recordingId").asText() + "/audio").body()));
    assertThat(Goertzel.detects(wav.channel(0), 8000, 440)).as("the caller's message").isTrue();

    String today = java.time.LocalDate.now(atalaya.clock.withZone(java.time.ZoneOffset.UTC)).toString();
    JsonNode kpis = atalaya.getJson("/api/v1/kpis?from=" + today + "&to=" + today + "&by=queue");
    JsonNode queue = null;
    for (JsonNode row : kpis.path("rows")) {
      if (row.path("key").asText().equals("default")) {
        queue = row.get("figures");
      }
    }
    assertThat(queue).as("the queue's row: " + kpis).isNotNull();
    assertThat(queue.get("offered").asInt()).isEqualTo(1);
    assertThat(queue.get("unanswered").asInt()).isEqualTo(1);
    assertThat(queue.get("answered").asInt()).isZero();
  }
}

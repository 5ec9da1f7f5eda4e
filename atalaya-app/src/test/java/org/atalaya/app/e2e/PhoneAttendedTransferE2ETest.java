package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
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
 * An attended transfer made on the agent's phone, as phones do it: with the customer on its first
 * call, the phone places a second call to a colleague's extension (digest-authenticated as the
 * agent), the two talk while the customer hears music, then the phone sends REFER with Replaces
 * naming that second call (RFC 3891). The colleague takes the customer on the same recording,
 * and the phone's two calls end.
 */
class PhoneAttendedTransferE2ETest {
  private static final double CUSTOMER_HZ = 440;
  private static final double FIRST_HZ = 1000;
  private static final double CONSULT_HZ = 1200;
  private static final double SECOND_HZ = 1500;
  private static final String CONSULT_CALL_ID = "consult-1@phone-1701";
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static int firstPort;
  static int secondPort;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 56000, 8, 60);
    atalaya.addAgent("1701", "agent-pass-1701");
    atalaya.addAgent("1702", "agent-pass-1702");
    firstPort = NodeHarness.freePort();
    secondPort = NodeHarness.freePort();
    atalaya.register(dir.resolve("reg-1701"), firstPort, "1701", "agent-pass-1701");
    atalaya.register(dir.resolve("reg-1702"), secondPort, "1702", "agent-pass-1702");
    atalaya.node.acd().logout("1702"); // not offered the customer; logged in once the call is with 1701
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void theColleagueTheAgentConsultedTakesTheCustomerWhenThePhoneTransfers() throws Exception {
    try (RtpProbe customerEar = new RtpProbe();
        RtpProbe firstEar = new RtpProbe();
        RtpProbe consultEar = new RtpProbe();
        RtpProbe secondEar = new RtpProbe();
        Sipp first = Sipp.start(dir.resolve("first"), "agent-transfer-attended",
            Map.of("RTPPORT", "" + firstEar.port(), "PT", "0", "CODEC", "PCMU",
                "TONE", ToneFiles.write(dir, FIRST_HZ, 0).toString(), "ANSWERDELAY", "200", "TALKMS", "7000",
                "TARGET", "1702", "REPLACES", "consult-1%40phone-1701%3Bto-tag%3Dx%3Bfrom-tag%3Dy"),
            "-p", "" + firstPort, "-m", "1", "-timeout", "40", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp second = Phones.agent(dir, "second", secondPort, secondEar, SECOND_HZ, 1, 40);
        Sipp customer = Phones.customer(dir, "customer", atalaya.sipPort, customerEar, CUSTOMER_HZ, 14_000, 40)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> connectedTo("1701") != null);
      String id = connectedTo("1701").id();
      atalaya.node.acd().login("1702");

      try (Sipp consult = Sipp.start(dir.resolve("consult"), "agent-consult",
          Map.of("SERVICE", "1702", "USER", "1701", "PASSWORD", "agent-pass-1701", "RTPPORT", "" + consultEar.port(),
              "TONE", ToneFiles.write(dir, CONSULT_HZ, 0).toString()),
          "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "30",
          "-cid_str", "consult-%u@phone-1701", "-mp", "" + (NodeHarness.freePort() & ~1))) {
        await().atMost(Duration.ofSeconds(6)).until(() -> state(id) == ActiveCall.State.TRANSFERRING
            && consultEar.packets() > 0);
        Thread.sleep(1000);
        customerEar.clear();
        consultEar.clear();
        secondEar.clear();
        Thread.sleep(1500);
        assertThat(Goertzel.detects(consultEar.pcm(), 8000, SECOND_HZ)).as("the phone's second call hears the colleague")
            .isTrue();
        assertThat(Goertzel.detects(secondEar.pcm(), 8000, CONSULT_HZ)).as("and the colleague hears it").isTrue();
        assertThat(Goertzel.detects(secondEar.pcm(), 8000, CUSTOMER_HZ)).as("not the customer, yet").isFalse();
        assertThat(Goertzel.detects(customerEar.pcm(), 8000, SECOND_HZ)).as("the customer hears neither agent")
            .isFalse();
        assertThat(Goertzel.detects(customerEar.pcm(), 8000, FIRST_HZ)).isFalse();

        assertThat(first.await(15)).as("202, NOTIFY 200, hung up: " + first.logs()).isZero();
        assertThat(consult.await(10)).as("the consultation call is ended by Atalaya: " + consult.logs()).isZero();
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> connectedTo("1702") != null);
      assertThat(connectedTo("1702").id()).as("the same call").isEqualTo(id);
      customerEar.clear();
      Thread.sleep(1500);
      assertThat(Goertzel.detects(customerEar.pcm(), 8000, SECOND_HZ)).as("the customer has the colleague").isTrue();
      assertThat(customer.await(20)).as(customer.logs()).isZero();
      assertThat(second.await(10)).as(second.logs()).isZero();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);
    JsonNode call = atalaya.getJson("/api/v1/calls/" + atalaya.items("/api/v1/calls").get(0).get("id").asText());
    assertThat(call.get("transfers").asInt()).isEqualTo(1);
    assertThat(call.get("segments").toString()).containsSubsequence("\"agent\":\"1701\"",
        "\"end\":\"attended-transfer\"", "\"agent\":\"1702\"", "\"end\":\"end\"");
    Wav.Pcm wav = Wav.read(new ByteArrayInputStream(
        atalaya.get("/api/v1/recordings/" + call.get("recordingId").asText() + "/audio").body()));
    short[] right = wav.channel(1);
    assertThat(Goertzel.detects(Arrays.copyOfRange(right, 0, 8000), 8000, FIRST_HZ)).as("the first agent first")
        .isTrue();
    assertThat(Goertzel.detects(Arrays.copyOfRange(right, right.length - 12000, right.length - 4000), 8000,
        SECOND_HZ)).as("then the colleague").isTrue();
    assertThat(Goertzel.detects(wav.channel(0), 8000, CONSULT_HZ)).as("the consultation is not recorded").isFalse();
    assertThat(Goertzel.detects(wav.channel(1), 8000, CONSULT_HZ)).isFalse();
  }

  private static ActiveCall connectedTo(String agent) {
    return atalaya.node.calls().list(Tenants.DEFAULT).stream()
        .filter(c -> agent.equals(c.agentExtension()) && c.state() == ActiveCall.State.CONNECTED)
        .findFirst().orElse(null);
  }

  private static ActiveCall.State state(String id) {
    return atalaya.node.calls().list(Tenants.DEFAULT).stream().filter(c -> c.id().equals(id))
        .map(ActiveCall::state).findFirst().orElse(null);
  }
}

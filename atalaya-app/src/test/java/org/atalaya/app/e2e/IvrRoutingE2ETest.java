package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.atalaya.core.routing.AgentState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escalation IVR in front of skills-based queues, against real sipp phones: a key sent as an
 * RFC 4733 event (sipp's own DTMF pcap) or as a tone in the audio picks the queue, only an agent
 * with the queue's skill rings, and a ring-all queue rings every skilled agent at once.
 */
class IvrRoutingE2ETest {
  private static final String IVR_NUMBER = "+34910000100";
  private static final String VIP_NUMBER = "+34910000300";
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static Path agentTone;
  static final Map<String, Integer> PORTS = new java.util.HashMap<>();

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 46000, 8, 30);
    String escalation;
    try (InputStream in = IvrRoutingE2ETest.class.getResourceAsStream("/ivr/escalation.json")) {
      escalation = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    atalaya.put("/api/v1/ivr/flows/escalation", escalation);
    atalaya.put("/api/v1/ivr/flows/vip", "{\"id\": \"vip\", \"numbers\": [\"" + VIP_NUMBER + "\"], \"start\": \"q\","
        + " \"steps\": {\"q\": {\"type\": \"queue\", \"queue\": \"vip\"}}}");
    atalaya.put("/api/v1/routing", """
        {"queues": [
          {"name": "technical", "skills": {"technical": 1}},
          {"name": "finance", "skills": {"billing": 1}},
          {"name": "vip", "strategy": "ring-all", "skills": {"vip": 1}}],
         "agents": {"1301": {"technical": 5}, "1302": {"billing": 5}, "1303": {"vip": 1}, "1304": {"vip": 1}}}""");
    for (String ext : new String[] {"1301", "1302", "1303", "1304"}) {
      atalaya.addAgent(ext, "agent-pass-" + ext);
      PORTS.put(ext, NodeHarness.freePort());
      atalaya.register(dir.resolve("reg-" + ext), PORTS.get(ext), ext, "agent-pass-" + ext);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.acd().registeredAgents() == 4);
    agentTone = ToneFiles.write(dir, 1000, 8);
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @AfterEach
  void nothingLeaks() {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(atalaya.node.calls().liveCalls()).as("live calls").isZero();
      assertThat(atalaya.node.media().openEndpoints()).as("open RTP endpoints").isZero();
    });
  }

  @Test
  void anRfc4733KeyTwoReachesTheTechnicalQueueAndOnlyItsSkilledAgentRings() throws Exception {
    String key = "  <nop><action><exec play_pcap_audio=\"/usr/share/sip-tester/dtmf_2833_2.pcap\"/></action></nop>";
    JsonNode call = callThroughIvr("rfc4733", " 101", "a=rtpmap:101 telephone-event/8000", key, "1301", "1302");
    assertThat(call.get("queue").asText()).isEqualTo("technical");
    assertThat(call.get("agent").asText()).isEqualTo("1301");
    assertThat(call.get("disposition").asText()).isEqualTo("ANSWERED");
  }

  @Test
  void anInBandKeyThreeFromAPhoneWithoutRfc4733ReachesFinance() throws Exception {
    Path three = ToneFiles.writeDual(dir, 697, 1477, 0);
    String key = "  <nop><action><exec rtp_stream=\"" + three + ",-1,0\"/></action></nop>\n"
        + "  <pause milliseconds=\"200\"/>\n"
        + "  <nop><action><exec rtp_stream=\"pause\"/></action></nop>";
    JsonNode call = callThroughIvr("inband", "", "a=ptime:20", key, "1302", "1301");
    assertThat(call.get("queue").asText()).isEqualTo("finance");
    assertThat(call.get("agent").asText()).isEqualTo("1302");
  }

  @Test
  void aRingAllQueueRingsEverySkilledAgentAndTheFirstToAnswerTakesTheCall() throws Exception {
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp first = answering("vip-1303", "1303", agentEar, 500);
        Sipp other = Sipp.start(dir.resolve("vip-1304"), "agent-ring-cancel", Map.of(), "-p", "" + PORTS.get("1304"),
            "-m", "1", "-timeout", "30");
        Sipp customer = customer("vip", VIP_NUMBER, customerEar, " 101", "a=rtpmap:101 telephone-event/8000", "", 500,
            4000)) {
      assertThat(customer.await(40)).as(customer.logs()).isZero();
      assertThat(first.await(15)).as(first.logs()).isZero();
      assertThat(other.await(15)).as("1304 rang and was cancelled when 1303 answered: " + other.logs()).isZero();
    }
    JsonNode call = lastCall();
    assertThat(call.get("queue").asText()).isEqualTo("vip");
    assertThat(call.get("agent").asText()).isEqualTo("1303");
    await().atMost(Duration.ofSeconds(5)).until(() ->
        atalaya.node.acd().agent("1304").orElseThrow().state() == AgentState.AVAILABLE);
  }

  /**
   * A caller presses {@code key} 3.5 s into the escalation IVR (during the menu prompt, which the
   * key cuts short); {@code expected}'s phone answers, {@code idle}'s must never ring.
   */
  private JsonNode callThroughIvr(String name, String eventPt, String eventMap, String key, String expected,
      String idle) throws Exception {
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = answering(name + "-" + expected, expected, agentEar, 300);
        Sipp idleAgent = answering(name + "-" + idle, idle, new RtpProbe(), 300);
        Sipp customer = customer(name, IVR_NUMBER, customerEar, eventPt, eventMap, key, 3500, 5000)) {
      assertThat(customer.await(45)).as(customer.logs()).isZero();
      assertThat(agent.await(15)).as(agent.logs()).isZero();
      assertThat(idleAgent.isAlive()).as("agent " + idle + " lacks the skill and never rang").isTrue();
      assertThat(customerEar.packets()).as("the caller heard the IVR's prompts").isGreaterThan(100);
    }
    return lastCall();
  }

  private static Sipp answering(String name, String ext, RtpProbe ear, int delayMs) throws Exception {
    return Sipp.start(dir.resolve(name), "agent-answer",
        Map.of("RTPPORT", "" + ear.port(), "PT", "8", "CODEC", "PCMA", "TONE", agentTone.toString(),
            "ANSWERDELAY", "" + delayMs),
        "-p", "" + PORTS.get(ext), "-m", "1", "-timeout", "45", "-mp", "" + (NodeHarness.freePort() & ~1));
  }

  private static Sipp customer(String name, String number, RtpProbe ear, String eventPt, String eventMap, String key,
      int waitMs, int talkMs) throws Exception {
    return Sipp.start(dir.resolve(name + "-customer"), "customer-ivr",
        Map.of("RTPPORT", "" + ear.port(), "EVENTPT", eventPt, "EVENTMAP", eventMap, "KEY", key,
            "WAITMS", "" + waitMs, "TALKMS", "" + talkMs),
        "-s", number, "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "45",
        "-mp", "" + (NodeHarness.freePort() & ~1));
  }

  private static JsonNode lastCall() throws Exception {
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);
    return atalaya.items("/api/v1/calls?limit=1").get(0);
  }
}

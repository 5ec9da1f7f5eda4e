package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atalaya.core.audit.AuditLog.StoredAuditEvent;
import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.monitoring.Actor;
import org.atalaya.core.monitoring.SessionView;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.core.users.Role;
import org.atalaya.media.MonitorMode;
import org.atalaya.media.audio.Wav;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring from a SIP phone against real sipp peers: a supervisor's phone dials {@code *21<ext>}
 * (digest-authenticated), then presses 2, 3, 1 and 4 (RFC 4733 from sipp's pcaps). At every
 * step the test's own RTP receivers check with a Goertzel detector what customer (440 Hz),
 * agent (1000 Hz) and supervisor (1700 Hz) hear, and the recording is checked phase by phase,
 * including after the take-over released the agent.
 */
class MonitoringSipE2ETest {
  private static final int PHASE_MS = 2500;

  @TempDir static Path dir;
  static NodeHarness atalaya;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 42000, 10, 30);
    atalaya.addAgent("2001", "agent-pass-2001");
    atalaya.addAgent("2901", "super-pass-2901");
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "maria", "maria-secret-1", Role.SUPERVISOR, "2901");
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  /** One observed mode, from when the session showed it. */
  record Phase(MonitorMode mode, Instant at, int customerAt, int agentAt, int supervisorAt) {}

  @Test
  void featureCodeThenKeysWalkTheWholeMatrixAndTheRecordingFollows() throws Exception {
    Path agentDir = dir.resolve("agent");
    int agentPort = NodeHarness.freePort();
    atalaya.register(agentDir, agentPort, "2001", "agent-pass-2001");
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.acd().registeredAgents() == 1);
    Path customerTone = ToneFiles.write(dir, Hearing.CUSTOMER, 0);
    Path agentTone = ToneFiles.write(dir, Hearing.AGENT, 8);
    Path supervisorTone = ToneFiles.write(dir, Hearing.SUPERVISOR, 0);
    Actor maria = new Actor(Tenants.DEFAULT, "maria", Role.SUPERVISOR, "2901");
    List<Phase> phases = new ArrayList<>();

    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        RtpProbe supervisorEar = new RtpProbe();
        Sipp agent = Sipp.start(agentDir, "agent-answer",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "8", "CODEC", "PCMA", "TONE", agentTone.toString(),
                "ANSWERDELAY", "200"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "60", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("customer"), "customer-call",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", customerTone.toString(),
                "TALKMS", "" + (PHASE_MS * 5 + 5000)),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1",
            "-timeout", "60", "-mp", "" + (NodeHarness.freePort() & ~1))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> connected() != null);
      ActiveCall call = connected();
      try (Sipp supervisor = Sipp.start(dir.resolve("supervisor"), "supervisor-monitor",
          Map.of("SERVICE", "*212001", "USER", "2901", "PASSWORD", "super-pass-2901",
              "RTPPORT", "" + supervisorEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", supervisorTone.toString(),
              "PHASEMS", "" + PHASE_MS),
          "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "60",
          "-mp", "" + (NodeHarness.freePort() & ~1))) {
        // Follow the session's mode as the keys change it, noting where each probe was.
        MonitorMode last = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline && (last != MonitorMode.TAKE_OVER || phases.size() < 5)) {
          List<SessionView> live = atalaya.node.monitoring().sessions(maria);
          MonitorMode now = live.isEmpty() ? null : live.get(0).mode();
          if (now != null && now != last) {
            phases.add(new Phase(now, atalaya.clock.instant(), customerEar.pcm().length, agentEar.pcm().length,
                supervisorEar.pcm().length));
            last = now;
          }
          Thread.sleep(20);
        }
        assertThat(phases).extracting(Phase::mode).as(supervisor.logs()).containsExactly(
            MonitorMode.LISTEN, MonitorMode.WHISPER, MonitorMode.BARGE, MonitorMode.LISTEN, MonitorMode.TAKE_OVER);
        assertThat(customer.await(40)).as(customer.logs()).isZero();
        assertThat(supervisor.await(15)).as(supervisor.logs()).isZero();
        assertThat(agent.await(15)).as("the agent's leg was released by BYE at the take-over: " + agent.logs()).isZero();
      }

      // What each party heard, one second per phase, 400 ms after the switch.
      short[] c = customerEar.pcm();
      short[] a = agentEar.pcm();
      short[] s = supervisorEar.pcm();
      double[][][] expected = {
          // customer hears, agent hears, supervisor hears
          {{Hearing.AGENT}, {Hearing.CUSTOMER}, {Hearing.CUSTOMER, Hearing.AGENT}},
          {{Hearing.AGENT}, {Hearing.CUSTOMER, Hearing.SUPERVISOR}, {Hearing.CUSTOMER, Hearing.AGENT}},
          {{Hearing.AGENT, Hearing.SUPERVISOR}, {Hearing.CUSTOMER, Hearing.SUPERVISOR}, {Hearing.CUSTOMER, Hearing.AGENT}},
          {{Hearing.AGENT}, {Hearing.CUSTOMER}, {Hearing.CUSTOMER, Hearing.AGENT}},
          {{Hearing.SUPERVISOR}, null, {Hearing.CUSTOMER}},
      };
      for (int i = 0; i < phases.size(); i++) {
        Phase p = phases.get(i);
        String name = p.mode() + " (phase " + (i + 1) + ")";
        Hearing.expect("customer in " + name, Hearing.slice(c, p.customerAt() + 3200, p.customerAt() + 11200), expected[i][0]);
        if (expected[i][1] != null) {
          Hearing.expect("agent in " + name, Hearing.slice(a, p.agentAt() + 3200, p.agentAt() + 11200), expected[i][1]);
        }
        Hearing.expect("supervisor in " + name, Hearing.slice(s, p.supervisorAt() + 3200, p.supervisorAt() + 11200),
            expected[i][2]);
      }

      await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);
      JsonNode rec = atalaya.items("/api/v1/recordings").get(0);
      Wav.Pcm wav = Wav.read(new ByteArrayInputStream(
          atalaya.get("/api/v1/recordings/" + rec.get("id").asText() + "/audio").body()));
      short[] left = wav.channel(0);
      short[] right = wav.channel(1);
      double[][] rightExpected = {{Hearing.AGENT}, {Hearing.AGENT}, {Hearing.AGENT, Hearing.SUPERVISOR}, {Hearing.AGENT},
          {Hearing.SUPERVISOR}};
      for (int i = 0; i < phases.size(); i++) {
        int at = (int) (Duration.between(call.answeredAt(), phases.get(i).at()).toMillis() * 8);
        String name = "recording in " + phases.get(i).mode() + " (phase " + (i + 1) + ")";
        Hearing.expect(name + " left", Hearing.slice(left, at + 3200, at + 11200), Hearing.CUSTOMER);
        Hearing.expect(name + " right", Hearing.slice(right, at + 3200, at + 11200), rightExpected[i]);
      }
      assertThat(rec.get("durationMillis").asLong()).as("one recording, no gap at the take-over")
          .isGreaterThan(PHASE_MS * 5L);

      JsonNode cdr = atalaya.items("/api/v1/calls").get(0);
      assertThat(cdr.get("disposition").asText()).isEqualTo("ANSWERED");
      List<StoredAuditEvent> audit = atalaya.node.auditLog().forTarget(Tenants.DEFAULT, "call:" + call.id());
      assertThat(audit).extracting(e -> e.event().action()).containsExactly("monitor.start", "monitor.mode",
          "monitor.mode", "monitor.mode", "monitor.mode", "monitor.end");
      assertThat(audit).allSatisfy(e -> assertThat(e.event().actor()).isEqualTo("maria"));
      assertThat(audit.get(4).event().detail()).contains("mode=take-over");
      assertThat(atalaya.node.auditLog().verify()).isEmpty();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.media().openEndpoints() == 0);
    assertThat(atalaya.node.monitoring().sessions(maria)).isEmpty();
  }

  @Test
  void aPhoneNotLinkedToASupervisorIsRefused() throws Exception {
    // 2001 is an agent's extension: its credentials are good, but it may not monitor.
    try (Sipp refused = Sipp.start(dir.resolve("refused"), "supervisor-refused",
        Map.of("SERVICE", "*212001", "USER", "2001", "PASSWORD", "agent-pass-2001", "STATUS", "403"),
        "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "15")) {
      assertThat(refused.await(20)).as(refused.logs()).isZero();
    }
    // The supervisor's phone, but nobody on a call at extension 2002: 404.
    try (Sipp notFound = Sipp.start(dir.resolve("notfound"), "supervisor-refused",
        Map.of("SERVICE", "*222002", "USER", "2901", "PASSWORD", "super-pass-2901", "STATUS", "404"),
        "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "15")) {
      assertThat(notFound.await(20)).as(notFound.logs()).isZero();
    }
  }

  private static ActiveCall connected() {
    return atalaya.node.calls().list(Tenants.DEFAULT).stream()
        .filter(c -> c.state() == ActiveCall.State.CONNECTED).findFirst().orElse(null);
  }
}

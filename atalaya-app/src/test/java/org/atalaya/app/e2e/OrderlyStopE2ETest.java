package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.atalaya.app.Main;
import org.atalaya.media.audio.Goertzel;
import org.atalaya.media.audio.Wav;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a real Atalaya process stops, with two recorded calls up (customers at 440 and 660 Hz,
 * agents at 1000 and 1400 Hz): on SIGTERM both legs of both calls get a BYE, the process exits 0
 * within its grace period, and after a restart both recordings are COMPLETE with their real length
 * and each party's tone on its own channel, on H2 and on PostgreSQL alike; after a kill -9 both
 * are RECOVERED, missing at most the last second. Also: a node that is stopping refuses new calls
 * with 503, and a JVM started with SIGINT ignored (a script's background job) still stops on
 * SIGTERM, while the launcher's reset lets Ctrl-C through.
 */
class OrderlyStopE2ETest {
  private static final double[] CUSTOMER_HZ = {440, 660};
  private static final Map<String, Double> AGENT_HZ = Map.of("1001", 1000.0, "1002", 1400.0);
  private static final String ADMIN = "admin";
  private static final String PASSWORD = "stop-admin-pw";
  private static final int MEDIA_BASE = 60000;
  private static final long GRACE_MS = 10_000;

  @TempDir Path dir;
  private int sipPort;
  private int webPort;
  private Path config;

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void sigtermEndsBothCallsAndCompletesTheirRecordings(String database) throws Exception {
    try (EmbeddedPostgres postgres = database.equals("PostgreSQL") ? EmbeddedPostgres.builder().start() : null) {
      configure(postgres == null ? List.of()
          : List.of("db.url=" + postgres.getJdbcUrl("postgres", "postgres"), "db.user=postgres", "db.password=postgres"));
      Stopped stopped = twoCallsThen(0, "TERM");
      String log = stopped.log();
      assertThat(log).contains("stopping: 2 live calls, 2 recordings open").contains("recordings completed: 2")
          .containsPattern("stopped in [0-9.]+ s: 2 recordings completed");
      assertNoStackTrace(log);
      assertAfterRestart(stopped, true, "COMPLETE");
    }
  }

  @Test
  void afterKill9BothRecordingsAreRecoveredUpToAboutASecondBefore() throws Exception {
    configure(List.of());
    Stopped killed = twoCallsThen(137, "KILL");
    assertAfterRestart(killed, false, "RECOVERED");
  }

  @Test
  void aSecondSigtermDuringTheDrainOnlyCutsTheWaitShortAndCorruptsNothing() throws Exception {
    configure(List.of());
    // An impatient operator: the second lands while the calls are being ended. A hurried stop
    // still lets the BYEs out before SIP stops (twoCallsThen checks every leg got one).
    Stopped stopped = twoCallsThen(0, "TERM", "TERM");
    String log = stopped.log();
    assertThat(log).contains("SIGTERM: stopping Atalaya").containsPattern("stopped in [0-9.]+ s");
    assertNoStackTrace(log);
    // Ended in the drain (COMPLETE) or left to the recovery when the wait was cut (RECOVERED):
    // either way whole, with its audio up to the stop.
    assertAfterRestart(stopped, true, "COMPLETE", "RECOVERED");
  }

  @Test
  void aStoppingNodeRefusesNewCallsWith503AndRetryAfter() throws Exception {
    try (NodeHarness atalaya = NodeHarness.start(dir.resolve("data"), MEDIA_BASE + 2000, 5, 10)) {
      atalaya.node.calls().stopTakingCalls();
      try (Sipp refused = Sipp.start(dir.resolve("refused"), "customer-refused", Map.of(),
          "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "10")) {
        assertThat(refused.await(15)).as(refused.logs()).isZero();
      }
      assertThat(atalaya.node.calls().liveCount()).isZero();
    }
  }

  @Test
  void aJvmStartedWithSigintIgnoredStopsOnSigtermAndTheLaunchersResetLetsCtrlCThrough() throws Exception {
    configure(List.of());
    // As a script's background job: SIGINT ignored. Ctrl-C cannot reach it, SIGTERM must.
    AtalayaProcess ignoring = start("ignoring", List.of("bash", "-c", "trap '' INT; exec \"$0\" \"$@\""));
    try {
      ignoring.signal("INT");
      assertThat(ignoring.process.waitFor(2, TimeUnit.SECONDS)).as("SIGINT was ignored, as the shell asked").isFalse();
      ignoring.signal("TERM");
      assertThat(ignoring.process.waitFor(GRACE_MS, TimeUnit.MILLISECONDS)).isTrue();
      assertThat(ignoring.process.exitValue()).as(ignoring.logText()).isZero();
      assertThat(ignoring.logText()).contains("SIGTERM: stopping Atalaya").containsPattern("stopped in [0-9.]+ s");
    } finally {
      ignoring.close();
    }
    // The launcher's way (./atalaya): the default disposition given back before the JVM starts.
    AtalayaProcess reset = start("reset", List.of("bash", "-c", "trap '' INT; exec env --default-signal=INT \"$0\" \"$@\""));
    try {
      reset.signal("INT");
      assertThat(reset.process.waitFor(GRACE_MS, TimeUnit.MILLISECONDS)).isTrue();
      assertThat(reset.process.exitValue()).as(reset.logText()).isZero();
      assertThat(reset.logText()).contains("SIGINT: stopping Atalaya");
    } finally {
      reset.close();
    }
  }

  /** When the node was stopped ({@link System#nanoTime()}), what it logged, and when each recording was first seen. */
  private record Stopped(Map<String, Long> recordingsSeenAt, long at, String log) {}

  /**
   * Starts the node, puts two recorded calls up for 3 s, sends {@code signals} (KILL, TERM, ...)
   * back to back, and waits for it to exit with {@code exitCode}; unless killed, every leg must
   * have had its BYE.
   */
  private Stopped twoCallsThen(int exitCode, String... signals) throws Exception {
    AtalayaProcess first = start("first", List.of());
    try (TwoCalls calls = TwoCalls.place(first, dir, sipPort)) {
      Thread.sleep(3_000);
      long at = System.nanoTime();
      for (String signal : signals) {
        first.signal(signal);
      }
      assertThat(first.process.waitFor(GRACE_MS, TimeUnit.MILLISECONDS)).as("exited within the grace period: "
          + first.logText()).isTrue();
      assertThat(first.process.exitValue()).as(first.logText()).isEqualTo(exitCode);
      if (!List.of(signals).contains("KILL")) {
        calls.assertEveryLegGotBye();
      }
      return new Stopped(calls.recordingsSeenAt, at, first.logText());
    } finally {
      first.close();
    }
  }

  private static void assertNoStackTrace(String log) {
    assertThat(log).as("no stack trace on an orderly stop").doesNotContain("\tat ").doesNotContain("Exception");
  }

  /**
   * After a restart on the same data: each recording in one of {@code statuses}, as long as it ran
   * until {@code stoppedAt} (± 1 s), the right tone per channel, and {@code atalaya verify} (and
   * {@code audit verify}) passing.
   */
  private void assertAfterRestart(Stopped stopped, boolean auditVerify, String... statuses) throws Exception {
    Map<String, Long> seenAt = stopped.recordingsSeenAt();
    long stoppedAt = stopped.at();
    try (AtalayaProcess second = start("second", List.of())) {
      for (Map.Entry<String, Long> r : seenAt.entrySet()) {
        JsonNode rec = second.json("/api/v1/recordings/" + r.getKey());
        assertThat(rec.get("status").asText()).as("recording %s", r.getKey()).isIn((Object[]) statuses);
        long recorded = (stoppedAt - r.getValue()) / 1_000_000;
        assertThat(rec.get("durationMillis").asLong()).as("recorded about %d ms", recorded)
            .isBetween(recorded - 1000, recorded + 1000);
      }
      assertTonesPerChannel(second, seenAt.keySet());
      assertThat(Main.execute("verify", "-c", config.toString())).as("atalaya verify").isZero();
      if (auditVerify) {
        assertThat(Main.execute("audit", "verify", "-c", config.toString())).as("atalaya audit verify").isZero();
      }
    }
  }

  private void configure(List<String> database) throws Exception {
    sipPort = NodeHarness.freePort();
    webPort = NodeHarness.freePort();
    config = dir.resolve("atalaya.properties");
    List<String> lines = new ArrayList<>(List.of(
        "data.dir=" + dir.resolve("data"),
        "sip.bind=127.0.0.1", "sip.port=" + sipPort, "sip.advertised=127.0.0.1", "sip.trusted-networks=127.0.0.0/8",
        "media.bind=127.0.0.1", "media.advertised=127.0.0.1",
        "media.port-min=" + MEDIA_BASE, "media.port-max=" + (MEDIA_BASE + 998), "media.loops=1",
        "web.port=" + webPort, "queue.ring-timeout-seconds=5", "queue.max-wait-seconds=20",
        "shutdown.grace-ms=" + GRACE_MS));
    lines.addAll(database);
    Files.writeString(config, String.join("\n", lines) + "\n");
    assertThat(Main.execute("user", "add", "-c", config.toString(), "--login", ADMIN, "--role", "admin",
        "--password", PASSWORD)).isZero();
    for (String ext : AGENT_HZ.keySet()) {
      assertThat(Main.execute("agent", "add", "-c", config.toString(), "--ext", ext, "--password", "pass-" + ext)).isZero();
    }
  }

  private AtalayaProcess start(String name, List<String> prefix) throws Exception {
    return AtalayaProcess.start(prefix, config, dir.resolve(name + ".log"), webPort, ADMIN, PASSWORD);
  }

  /** Each recording: one customer tone on the left, its own agent's tone on the right, nothing crossed. */
  private static void assertTonesPerChannel(AtalayaProcess atalaya, java.util.Set<String> ids) throws Exception {
    List<Double> customersHeard = new ArrayList<>();
    for (String id : ids) {
      String agent = atalaya.json("/api/v1/recordings/" + id).get("agent").asText();
      double agentHz = AGENT_HZ.get(agent);
      Wav.Pcm wav = atalaya.wav(id);
      short[] left = CallPathE2ETest.middle(wav.channel(0));
      short[] right = CallPathE2ETest.middle(wav.channel(1));
      for (double other : AGENT_HZ.values()) {
        assertThat(Goertzel.detects(left, 8000, other)).as("%s: no agent on the left", id).isFalse();
        assertThat(Goertzel.detects(right, 8000, other)).as("%s: agent %s's own tone on the right", id, agent)
            .isEqualTo(other == agentHz);
      }
      for (double customer : CUSTOMER_HZ) {
        assertThat(Goertzel.detects(right, 8000, customer)).as("%s: no customer on the right", id).isFalse();
        if (Goertzel.detects(left, 8000, customer)) {
          customersHeard.add(customer);
        }
      }
    }
    assertThat(customersHeard).as("each recording has its own customer on the left").containsExactlyInAnyOrder(440.0, 660.0);
  }

  /** Two agents registered and answering, two customers calling in and talking until hung up on. */
  private static final class TwoCalls implements AutoCloseable {
    final Map<String, Long> recordingsSeenAt = new LinkedHashMap<>();
    private final List<Sipp> legs = new ArrayList<>();
    private final List<RtpProbe> ears = new ArrayList<>();

    static TwoCalls place(AtalayaProcess atalaya, Path dir, int sipPort) throws Exception {
      TwoCalls calls = new TwoCalls();
      try {
        Map<String, Integer> agentPorts = new HashMap<>();
        for (String ext : AGENT_HZ.keySet()) {
          int port = NodeHarness.freePort();
          try (Sipp reg = Sipp.start(dir.resolve("reg-" + ext), "agent-register", Map.of("USER", ext, "PASSWORD", "pass-" + ext),
              "127.0.0.1:" + sipPort, "-p", "" + port, "-m", "1", "-timeout", "10")) {
            assertThat(reg.await(15)).as(reg.logs()).isZero();
          }
          agentPorts.put(ext, port);
        }
        for (String ext : AGENT_HZ.keySet()) {
          RtpProbe ear = calls.ear();
          Path tone = ToneFiles.write(Files.createDirectories(dir.resolve("agent-" + ext)), AGENT_HZ.get(ext), 8);
          calls.legs.add(Sipp.start(dir.resolve("agent-" + ext), "agent-answer",
              Map.of("RTPPORT", "" + ear.port(), "PT", "8", "CODEC", "PCMA", "TONE", tone.toString(), "ANSWERDELAY", "200"),
              "-p", "" + agentPorts.get(ext), "-m", "1", "-timeout", "60", "-mp", "" + (NodeHarness.freePort() & ~1)));
        }
        for (double hz : CUSTOMER_HZ) {
          RtpProbe ear = calls.ear();
          Path tone = ToneFiles.write(Files.createDirectories(dir.resolve("customer-" + (int) hz)), hz, 0);
          calls.legs.add(Sipp.start(dir.resolve("customer-" + (int) hz), "customer-talks-until-bye",
              Map.of("RTPPORT", "" + ear.port(), "PT", "0", "CODEC", "PCMU", "TONE", tone.toString()),
              "-s", "5000", "127.0.0.1:" + sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "60",
              "-mp", "" + (NodeHarness.freePort() & ~1)));
          int expected = calls.recordingsSeenAt.size() + 1;
          await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (JsonNode r : atalaya.json("/api/v1/recordings").get("items")) {
              calls.recordingsSeenAt.putIfAbsent(r.get("id").asText(), System.nanoTime());
            }
            return calls.recordingsSeenAt.size() == expected;
          });
        }
        return calls;
      } catch (Exception | Error e) {
        calls.close();
        throw e;
      }
    }

    private RtpProbe ear() throws Exception {
      RtpProbe ear = new RtpProbe();
      ears.add(ear);
      return ear;
    }

    /** Every agent and customer sipp ended well: each received its BYE and answered it. */
    void assertEveryLegGotBye() throws Exception {
      for (Sipp leg : legs) {
        assertThat(leg.await(15)).as("a BYE reached this leg: " + leg.logs()).isZero();
      }
    }

    @Override
    public void close() {
      for (Sipp leg : legs) {
        try {
          leg.close();
        } catch (Exception e) {
          // the process is gone already
        }
      }
      for (RtpProbe ear : ears) {
        try {
          ear.close();
        } catch (java.io.IOException e) {
          // a socket that would not close is the test's own; nothing to report
        }
      }
    }
  }
}

package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.atalaya.app.Main;
import org.atalaya.app.config.ConfigLoader;
import org.atalaya.media.audio.Goertzel;
import org.atalaya.media.audio.Wav;
import org.atalaya.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault against a real Atalaya process: a call is recorded, the process is killed with
 * SIGKILL in the middle of it, and after a restart the recording is listed as RECOVERED with at
 * most the last second missing and both parties' tones in place. No file under the data
 * directory holds any of the call's audio in the clear, {@code atalaya verify} passes and then
 * catches a flipped byte, and a key rotation with re-wrap keeps the recording playable. {@code
 * atalaya audit verify} names an edited row, a removed one, and, once an orderly stop has
 * checkpointed the log's head, the last rows removed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VaultE2ETest {
  private static final double CUSTOMER_HZ = 440;
  private static final double AGENT_HZ = 1000;
  private static final String ADMIN = "admin";
  private static final String PASSWORD = "vault-admin-pw";
  private static final int MEDIA_BASE = 39500;

  @TempDir static Path dir;
  static Path config;
  static int sipPort;
  static int webPort;
  static Process atalaya;
  static String recordingId;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void configure() throws Exception {
    sipPort = NodeHarness.freePort();
    webPort = NodeHarness.freePort();
    config = dir.resolve("atalaya.properties");
    Files.writeString(config, String.join("\n",
        "data.dir=" + dir.resolve("data"),
        "sip.bind=127.0.0.1", "sip.port=" + sipPort, "sip.advertised=127.0.0.1", "sip.trusted-networks=127.0.0.0/8",
        "media.bind=127.0.0.1", "media.advertised=127.0.0.1",
        "media.port-min=" + MEDIA_BASE, "media.port-max=" + (MEDIA_BASE + 998), "media.loops=1",
        "web.port=" + webPort, "queue.ring-timeout-seconds=5", "queue.max-wait-seconds=20", ""));
    assertThat(cli("user", "add", "-c", config.toString(), "--login", ADMIN, "--role", "admin", "--password", PASSWORD))
        .isZero();
    assertThat(cli("agent", "add", "-c", config.toString(), "--ext", "1001", "--password", "agent-pass-1001")).isZero();
  }

  @AfterAll
  static void stop() throws Exception {
    if (atalaya != null) {
      atalaya.destroyForcibly().waitFor();
    }
  }

  @Test
  @Order(1)
  void aRecordingCutByKill9IsRecoveredOnRestartLosingAtMostASecond() throws Exception {
    atalaya = startProcess("first");
    Path customerTone = ToneFiles.write(dir, CUSTOMER_HZ, 0);
    Path agentTone = ToneFiles.write(dir, AGENT_HZ, 8);
    int agentPort = NodeHarness.freePort();
    try (Sipp reg = Sipp.start(dir.resolve("reg"), "agent-register", Map.of("USER", "1001", "PASSWORD", "agent-pass-1001"),
        "127.0.0.1:" + sipPort, "-p", "" + agentPort, "-m", "1", "-timeout", "10")) {
      assertThat(reg.await(15)).as(reg.logs()).isZero();
    }
    long connectedAt;
    long killedAt;
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = Sipp.start(dir.resolve("agent"), "agent-answer",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "8", "CODEC", "PCMA", "TONE", agentTone.toString(), "ANSWERDELAY", "200"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "60", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("customer"), "customer-call",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", customerTone.toString(), "TALKMS", "30000"),
            "-s", "5000", "127.0.0.1:" + sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "60",
            "-mp", "" + (NodeHarness.freePort() & ~1))) {
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
          .until(() -> getJson("/api/v1/calls/active").toString().contains("CONNECTED"));
      connectedAt = System.nanoTime();
      // CustomerCall publishes CONNECTED before the policy decision (which reads the caller's
      // history) starts the recording; on a busy machine the first look can fall in between.
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
          .until(() -> getJson("/api/v1/recordings").get("items").size() == 1);
      JsonNode live = getJson("/api/v1/recordings").get("items");
      assertThat(live.size()).isEqualTo(1);
      assertThat(live.get(0).get("status").asText()).isEqualTo("RECORDING");
      recordingId = live.get(0).get("id").asText();
      Thread.sleep(4_000);

      killedAt = System.nanoTime();
      atalaya.destroyForcibly();
      assertThat(atalaya.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(atalaya.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }
    long connectedMillis = (killedAt - connectedAt) / 1_000_000;
    assertThat(spooled()).as("the interrupted recording is in the spool").isNotEmpty();
    // What the disk held at the moment of the crash, to search for the audio once we know it.
    Path atCrash = dir.resolve("at-crash");
    try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path copy = atCrash.resolve(dir.resolve("data").relativize(f).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(f, copy);
      }
    }

    atalaya = startProcess("second");
    JsonNode rec = getJson("/api/v1/recordings/" + recordingId);
    assertThat(rec.get("status").asText()).isEqualTo("RECOVERED");
    long kept = rec.get("durationMillis").asLong();
    System.out.printf("crash recovery: kept %d ms of %d ms connected before SIGKILL%n", kept, connectedMillis);
    assertThat(kept).as("kept %d ms of %d ms connected", kept, connectedMillis)
        .isGreaterThanOrEqualTo(connectedMillis - 1000).isLessThanOrEqualTo(connectedMillis + 1000);
    assertThat(spooled()).as("recovery empties the spool").isEmpty();
    JsonNode calls = getJson("/api/v1/calls").get("items");
    assertThat(calls.toString()).as("the crashed call is logged").contains(rec.get("callId").asText())
        .contains("ANSWERED").contains("crash").contains(recordingId);

    Wav.Pcm wav = wav(recordingId);
    short[] left = CallPathE2ETest.middle(wav.channel(0));
    short[] right = CallPathE2ETest.middle(wav.channel(1));
    assertThat(Goertzel.detects(left, 8000, CUSTOMER_HZ)).as("customer on the left").isTrue();
    assertThat(Goertzel.detects(left, 8000, AGENT_HZ)).isFalse();
    assertThat(Goertzel.detects(right, 8000, AGENT_HZ)).as("agent on the right").isTrue();
    assertThat(Goertzel.detects(right, 8000, CUSTOMER_HZ)).isFalse();
    assertNoPlaintextUnder(dir.resolve("at-crash"), interleaved(wav), "the call's audio at the moment of the crash");
    assertNoPlaintextUnder(dir.resolve("data"), interleaved(wav), "the recovered recording");
  }

  @Test
  @Order(2)
  void verifyPassesThenNamesAFlippedByte() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(cliCapturing(out, "verify", "-c", config.toString())).as(out.toString()).isZero();
    assertThat(out.toString()).contains("1 ok, 0 tampered, 0 corrupt, 0 missing").contains("recordings intact");

    Path blob;
    try (Stream<Path> files = Files.walk(dir.resolve("data/recordings"))) {
      blob = files.filter(f -> f.toString().endsWith(recordingId + ".pcm")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(blob);
    byte[] original = bytes.clone();
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(blob, bytes);
    out.reset();
    assertThat(cliCapturing(out, "verify", "-c", config.toString(), "--quiet")).as(out.toString()).isEqualTo(1);
    assertThat(out.toString()).contains("CORRUPT").contains(recordingId).contains("RECORDINGS FAILED VERIFICATION");
    Files.write(blob, original);
  }

  @Test
  @Order(3)
  void rotatingTheTenantKeyWithRewrapKeepsTheRecordingPlayable() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(cliCapturing(out, "keys", "rotate", "-c", config.toString(), "--rewrap")).as(out.toString()).isZero();
    assertThat(out.toString()).contains("new primary key").contains("re-wrapped 1 recording keys");
    out.reset();
    assertThat(cliCapturing(out, "keys", "list", "-c", config.toString())).isZero();
    assertThat(out.toString()).containsPattern("tenant default: \\d+ \\(primary\\) wraps 1; \\d+ wraps 0;");

    Wav.Pcm wav = wav(recordingId);
    assertThat(Goertzel.detects(CallPathE2ETest.middle(wav.channel(0)), 8000, CUSTOMER_HZ)).isTrue();
  }

  @Test
  @Order(4)
  void auditVerifyPassesThenNamesAnEditedRowAndARemovedRow() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(cliCapturing(out, "audit", "verify", "-c", config.toString())).as(out.toString()).isZero();
    assertThat(out.toString()).containsPattern("audit log intact: [1-9]\\d* rows");
    var cfg = ConfigLoader.load(config, java.util.Map.of());
    try (var db = Database.open(cfg.effectiveDbUrl(), cfg.dbUser(), cfg.dbPassword())) {
      // The playback of the recovered recording was audited by this run (recording.play).
      long seq = db.jdbi().withHandle(h -> h.createQuery("SELECT MIN(seq) FROM audit_log WHERE action = 'recording.play'")
          .mapTo(Long.class).one());
      String actor = db.jdbi().withHandle(h -> h.createQuery("SELECT actor FROM audit_log WHERE seq = :s")
          .bind("s", seq).mapTo(String.class).one());
      db.jdbi().useHandle(h -> h.createUpdate("UPDATE audit_log SET actor = 'someone-else' WHERE seq = :s")
          .bind("s", seq).execute());
      out.reset();
      assertThat(cliCapturing(out, "audit", "verify", "-c", config.toString())).as(out.toString()).isEqualTo(1);
      assertThat(out.toString()).contains("AUDIT LOG TAMPERED: row " + seq + " ");
      db.jdbi().useHandle(h -> h.createUpdate("UPDATE audit_log SET actor = :a WHERE seq = :s")
          .bind("a", actor).bind("s", seq).execute());
      out.reset();
      assertThat(cliCapturing(out, "audit", "verify", "-c", config.toString())).as(out.toString()).isZero();

      // Removing a row breaks the chain at the row after it.
      long last = db.jdbi().withHandle(h -> h.createQuery("SELECT MAX(seq) FROM audit_log").mapTo(Long.class).one());
      assertThat(last).as("at least two rows to remove one in the middle").isGreaterThan(seq);
      db.jdbi().useHandle(h -> h.execute("CREATE TABLE audit_removed AS SELECT * FROM audit_log WHERE seq = " + seq));
      db.jdbi().useHandle(h -> h.createUpdate("DELETE FROM audit_log WHERE seq = :s").bind("s", seq).execute());
      out.reset();
      assertThat(cliCapturing(out, "audit", "verify", "-c", config.toString())).as(out.toString()).isEqualTo(1);
      assertThat(out.toString()).contains("AUDIT LOG TAMPERED: row " + (seq + 1) + " ");
      // Put back, so the next test starts from an intact log.
      db.jdbi().useHandle(h -> {
        h.execute("INSERT INTO audit_log SELECT * FROM audit_removed");
        h.execute("DROP TABLE audit_removed");
      });
      out.reset();
      assertThat(cliCapturing(out, "audit", "verify", "-c", config.toString())).as(out.toString()).isZero();
    }
  }

  @Test
  @Order(5)
  void auditVerifyNamesTheLastRowsRemovedAfterAnOrderlyStopCheckpointedThem() throws Exception {
    // SIGTERM: the orderly stop checkpoints the log's head after the last audited work.
    atalaya.destroy();
    assertThat(atalaya.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    String stopLog = Files.readString(dir.resolve("second.log"));
    assertThat(atalaya.exitValue()).as(stopLog).isZero();
    List<String> checkpoints = Files.readAllLines(dir.resolve("data/audit/checkpoints.log"));
    var cfg = ConfigLoader.load(config, java.util.Map.of());
    try (var db = Database.open(cfg.effectiveDbUrl(), cfg.dbUser(), cfg.dbPassword())) {
      long last = db.jdbi().withHandle(h -> h.createQuery("SELECT MAX(seq) FROM audit_log").mapTo(Long.class).one());
      assertThat(stopLog).contains("audit checkpoint (stop) at row " + last);
      assertThat(checkpoints.get(checkpoints.size() - 1)).startsWith("v1 seq=" + last + " ");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(cliCapturing(out, "audit", "verify", "-c", config.toString())).as(out.toString()).isZero();
      assertThat(out.toString()).contains("audit log intact: " + last + " rows; matches the checkpoint of ")
          .contains("(row " + last + ")");

      // The hash chain alone cannot see this: what is left still chains.
      db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_log WHERE seq = ?", last));
      out.reset();
      assertThat(cliCapturing(out, "audit", "verify", "-c", config.toString())).as(out.toString()).isEqualTo(1);
      assertThat(out.toString()).containsPattern("AUDIT LOG TAMPERED: row " + last + " missing \\(checkpoint of "
          + "\\d{4}-\\d\\d-\\d\\dT\\S+ says the log reached row " + last + "\\)");

      db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_log"));
      out.reset();
      assertThat(cliCapturing(out, "audit", "verify", "-c", config.toString())).as(out.toString()).isEqualTo(1);
      assertThat(out.toString()).contains("AUDIT LOG TAMPERED: rows 1.." + last + " missing (checkpoint of ");
    }
  }

  private static Process startProcess(String name) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.atalaya.app.Main", "run",
        "-c", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
    try {
      await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
          .ignoreExceptions().until(() -> get("/api/v1/recordings").statusCode() == 200);
    } catch (RuntimeException e) {
      throw new AssertionError("Atalaya did not start: " + Files.readString(dir.resolve(name + ".log")), e);
    }
    return p;
  }

  private static List<Path> spooled() throws IOException {
    Path spool = dir.resolve("data/spool");
    if (!Files.exists(spool)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(spool)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  /**
   * No file under the data directory may hold the call's audio as it was recorded: 16-bit
   * linear PCM of the tones. Windows are cut where the signal is loud, so they are not silence.
   */
  private static void assertNoPlaintextUnder(Path root, short[] pcm, String what) throws IOException {
    List<byte[]> windows = new ArrayList<>();
    for (int at = pcm.length / 8; at + 16 < pcm.length && windows.size() < 12; at += pcm.length / 14) {
      short[] samples = Arrays.copyOfRange(pcm, at, at + 16);
      if (Goertzel.rms(samples) < 500) {
        continue;
      }
      byte[] w = new byte[32];
      for (int i = 0; i < 16; i++) {
        w[2 * i] = (byte) samples[i];
        w[2 * i + 1] = (byte) (samples[i] >> 8);
      }
      windows.add(w);
    }
    assertThat(windows).as("loud windows of " + what).hasSizeGreaterThan(3);
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] content;
        try {
          content = Files.readAllBytes(f);
        } catch (IOException vanished) {
          continue;
        }
        for (byte[] w : windows) {
          assertThat(indexOf(content, w)).as("%s found in clear in %s", what, f).isEqualTo(-1);
        }
      }
    }
  }

  /** The WAV's samples as they sit in the PCM blob: interleaved left/right. */
  private static short[] interleaved(Wav.Pcm wav) {
    short[] l = wav.channel(0);
    short[] r = wav.channel(1);
    short[] out = new short[l.length * 2];
    for (int i = 0; i < l.length; i++) {
      out[2 * i] = l[i];
      out[2 * i + 1] = r[i];
    }
    return out;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static Wav.Pcm wav(String id) throws Exception {
    HttpResponse<byte[]> audio = get("/api/v1/recordings/" + id + "/audio");
    assertThat(audio.statusCode()).isEqualTo(200);
    return Wav.read(new ByteArrayInputStream(audio.body()));
  }

  private static HttpResponse<byte[]> get(String path) throws Exception {
    String auth = Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + path))
        .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode getJson(String path) throws Exception {
    HttpResponse<byte[]> r = get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static int cli(String... args) {
    return Main.execute(args);
  }

  private static synchronized int cliCapturing(ByteArrayOutputStream out, String... args) {
    PrintStream saved = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      return Main.execute(args);
    } finally {
      System.setOut(saved);
    }
  }
}

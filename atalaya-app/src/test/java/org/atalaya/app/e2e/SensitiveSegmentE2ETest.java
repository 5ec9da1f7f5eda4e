package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.atalaya.core.audit.AuditLog.StoredAuditEvent;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.core.users.Role;
import org.atalaya.media.audio.Goertzel;
import org.atalaya.media.audio.Wav;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sensitive segment (card data) against real peers: the customer (sipp) keys in-band DTMF
 * the whole call, the agent (sipp) answers with 1000 Hz and presses *7 twice (RFC 4733) to pause
 * and resume. The recording holds silence on both channels for the pause and the gap is marked;
 * before and after it holds the keypad tones and the agent; a supervisor listening in the
 * browser hears nothing during the pause while the agent keeps hearing the customer; the API
 * switch is refused to roles and tenants that may not use it; every switch is audited.
 */
class SensitiveSegmentE2ETest {
  private static final double KEY_LOW = 697;
  private static final double KEY_HIGH = 1209; // in-band "1"
  private static final double AGENT_HZ = 1000;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static NodeHarness atalaya;

  @BeforeAll
  static void start() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 50000, 8, 20);
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "ana", "ana-password", Role.AGENT, "1001");
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "ben", "ben-password", Role.AGENT, "1002");
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "sup", "sup-password", Role.SUPERVISOR, null);
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "qa", "qa-password", Role.QA_ANALYST, null);
    atalaya.node.userAccounts().add("acme", "acme-sup", "acme-password", Role.SUPERVISOR, null);
  }

  @AfterAll
  static void stop() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void theAgentsKeypadPausesTheRecordingAndTheMonitorButNotTheCall() throws Exception {
    atalaya.addAgent("1001", "agent-pass-1001");
    int agentPort = NodeHarness.freePort();
    atalaya.register(dir.resolve("reg"), agentPort, "1001", "agent-pass-1001");
    Path keypad = ToneFiles.writeDual(dir, KEY_LOW, KEY_HIGH, 0);
    Path agentTone = ToneFiles.write(dir, AGENT_HZ, 8);
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = Sipp.start(dir.resolve("agent"), "agent-answer-keys",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "8", "CODEC", "PCMA", "TONE", agentTone.toString(),
                "ANSWERDELAY", "200", "DIGIT", "7", "KEYAFTER", "2500", "KEYAGAIN", "3500"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "40", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("customer"), "customer-call",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", keypad.toString(),
                "TALKMS", "11000"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1",
            "-timeout", "40", "-mp", "" + (NodeHarness.freePort() & ~1))) {
      String callId = awaitCall(c -> "CONNECTED".equals(c.path("state").asText())).get("id").asText();
      Listener listener = Listener.join(callId);

      // The API switch: only the agent on the call and the tenant's supervisors and admins.
      assertThat(post("/api/v1/calls/" + callId + "/sensitive", "{\"on\":true}", "qa", "qa-password")).isEqualTo(403);
      assertThat(post("/api/v1/calls/" + callId + "/sensitive", "{\"on\":true}", "ben", "ben-password")).isEqualTo(404);
      assertThat(post("/api/v1/calls/" + callId + "/sensitive", "{\"on\":true}", "acme-sup", "acme-password"))
          .isEqualTo(404);
      assertThat(post("/api/v1/calls/" + callId + "/sensitive", "{\"on\":\"yes\"}", "sup", "sup-password"))
          .isEqualTo(400);
      assertThat(post("/api/v1/calls/missing/sensitive", "{\"on\":true}", "sup", "sup-password")).isEqualTo(404);
      assertThat(post("/api/v1/calls/" + callId + "/sensitive", "{\"on\":true}", null, null)).isEqualTo(401);

      // *7 from the agent's phone: on.
      awaitCall(c -> c.path("sensitive").asBoolean());
      Thread.sleep(400);
      listener.clear();
      agentEar.clear();
      Thread.sleep(1500);
      short[] monitorDuringPause = listener.heard();
      short[] agentDuringPause = agentEar.pcm();
      assertThat(monitorDuringPause.length).as("the monitor still gets frames").isGreaterThan(8000);
      assertThat(Goertzel.rms(monitorDuringPause)).as("the monitor hears nothing of the card data").isZero();
      assertThat(Goertzel.detects(agentDuringPause, 8000, KEY_LOW)).as("the agent still hears the customer").isTrue();

      // *7 again: off; the monitor hears the call again.
      awaitCall(c -> c.has("sensitive") && !c.path("sensitive").asBoolean());
      Thread.sleep(400);
      listener.clear();
      Thread.sleep(1000);
      short[] monitorAfter = listener.heard();
      // Three tones share the mix: each holds a clear part of it.
      assertThat(Goertzel.share(monitorAfter, 8000, KEY_LOW)).as("monitor hears the customer again").isGreaterThan(0.15);
      assertThat(Goertzel.share(monitorAfter, 8000, AGENT_HZ)).as("and the agent").isGreaterThan(0.15);
      listener.close();

      assertThat(customer.await(40)).as(customer.logs()).isZero();
      assertThat(agent.await(15)).as(agent.logs()).isZero();
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);
    JsonNode rec = atalaya.items("/api/v1/recordings").get(0);
    String id = rec.get("id").asText();
    JsonNode gaps = atalaya.getJson("/api/v1/recordings/" + id + "/gaps");
    assertThat(gaps.size()).as(gaps.toString()).isEqualTo(1);
    long from = gaps.get(0).get("startMillis").asLong();
    long to = gaps.get(0).get("endMillis").asLong();
    assertThat(gaps.get(0).get("reason").asText()).isEqualTo("sensitive");
    assertThat(to - from).as("about the 3.5 s between the two *7").isBetween(2800L, 4500L);

    HttpResponse<byte[]> audio = atalaya.get("/api/v1/recordings/" + id + "/audio");
    Wav.Pcm wav = Wav.read(new ByteArrayInputStream(audio.body()));
    short[] left = wav.channel(0);
    short[] right = wav.channel(1);
    int gapFrom = (int) (from * 8) + 800; // 100 ms inside the marked span
    int gapTo = (int) (to * 8) - 800;
    short[] pausedLeft = Arrays.copyOfRange(left, gapFrom, gapTo);
    short[] pausedRight = Arrays.copyOfRange(right, gapFrom, gapTo);
    // The silent run that holds the middle of the marked gap. Searching from the start of the file would
    // also find the few frames of silence a recording may open with before the first RTP packet arrives.
    int middle = (int) ((from + to) / 2 * 8);
    int firstZero = middle;
    while (firstZero > 0 && left[firstZero - 1] == 0 && right[firstZero - 1] == 0) {
      firstZero--;
    }
    int lastZero = middle;
    while (lastZero < left.length && left[lastZero] == 0 && right[lastZero] == 0) {
      lastZero++;
    }
    System.out.printf("gap %d..%d ms marked; silent run %d..%d ms; recording %d ms%n", from, to, firstZero / 8,
        lastZero / 8, left.length / 8);
    // The marked gap is where the silence is, to a frame or two.
    assertThat(firstZero / 8L).as("silence starts where the gap is marked").isBetween(from - 40, from + 40);
    assertThat(lastZero / 8L).as("and ends there").isBetween(to - 40, to + 40);
    assertThat(Goertzel.rms(pausedLeft)).as("no customer audio, no keypad tones, in the gap").isZero();
    assertThat(Goertzel.rms(pausedRight)).as("no agent audio in the gap").isZero();
    short[] before = Arrays.copyOfRange(left, Math.max(0, gapFrom - 8800), gapFrom - 1600);
    short[] after = Arrays.copyOfRange(left, gapTo + 1600, Math.min(left.length, gapTo + 8800));
    assertThat(Goertzel.detects(before, 8000, KEY_LOW) && Goertzel.detects(before, 8000, KEY_HIGH))
        .as("the keypad tones are recorded before the pause").isTrue();
    assertThat(Goertzel.detects(after, 8000, KEY_LOW)).as("and after it").isTrue();
    assertThat(Goertzel.detects(Arrays.copyOfRange(right, gapTo + 1600, Math.min(right.length, gapTo + 8800)), 8000,
        AGENT_HZ)).as("the agent is recorded again after the pause").isTrue();

    List<StoredAuditEvent> audit = atalaya.node.auditLog().forTarget(Tenants.DEFAULT, "call:" + rec.get("callId").asText());
    assertThat(audit).extracting(e -> e.event().action()).containsSubsequence("recording.pause", "recording.resume");
    assertThat(audit).filteredOn(e -> e.event().action().startsWith("recording."))
        .extracting(e -> e.event().actor()).containsOnly("sip:1001");
  }

  private static JsonNode awaitCall(java.util.function.Predicate<JsonNode> when) {
    JsonNode[] found = new JsonNode[1];
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
      for (JsonNode c : atalaya.getJson("/api/v1/calls/active")) {
        if (when.test(c)) {
          found[0] = c;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  private static int post(String path, String body, String user, String password) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + atalaya.node.webPort() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      b.header("Authorization", basic(user, password));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A supervisor listening in the browser's way: the monitoring WebSocket, PCM frames in. */
  private static final class Listener implements WebSocket.Listener, AutoCloseable {
    private final List<short[]> heard = new ArrayList<>();
    private WebSocket socket;

    static Listener join(String callId) throws Exception {
      Listener l = new Listener();
      l.socket = HTTP.newWebSocketBuilder().header("Authorization", basic("sup", "sup-password"))
          .buildAsync(URI.create("ws://127.0.0.1:" + atalaya.node.webPort() + "/api/v1/monitor/ws?call=" + callId
              + "&mode=listen"), l)
          .get(5, TimeUnit.SECONDS);
      return l;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      ByteBuffer le = data.order(ByteOrder.LITTLE_ENDIAN);
      short[] frame = new short[le.remaining() / 2];
      le.asShortBuffer().get(frame);
      synchronized (heard) {
        heard.add(frame);
      }
      ws.request(1);
      return null;
    }

    void clear() {
      synchronized (heard) {
        heard.clear();
      }
    }

    short[] heard() {
      synchronized (heard) {
        int n = heard.stream().mapToInt(f -> f.length).sum();
        short[] all = new short[n];
        int at = 0;
        for (short[] f : heard) {
          System.arraycopy(f, 0, all, at, f.length);
          at += f.length;
        }
        return all;
      }
    }

    @Override
    public void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
  }
}

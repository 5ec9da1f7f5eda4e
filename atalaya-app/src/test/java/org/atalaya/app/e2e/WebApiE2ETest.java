package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.core.users.Role;
import org.atalaya.media.audio.Wav;
import org.atalaya.store.recording.JdbiRecordingRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API as integrations and the UI use it, on a running node: sessions, roles, agents
 * seeing only their own recordings, and HTTP Range on the WAV.
 */
class WebApiE2ETest {
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static String recordingId;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 38500, 5, 10);
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "ana", "ana-password", Role.AGENT, "1001");
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "sup", "sup-password", Role.SUPERVISOR, null);
    // One 1-second stereo recording of agent 2002, stored the way the recorder stores it.
    recordingId = "rec-1";
    short[] stereo = new short[16000];
    for (int i = 0; i < stereo.length; i++) {
      stereo[i] = (short) (i % 2 == 0 ? i : -i);
    }
    byte[] wav = Wav.toBytes(8000, 2, stereo);
    var sink = atalaya.node.recordingStore().create("default", "default/2026/11/22/rec-1.pcm");
    sink.write(wav, Wav.HEADER_SIZE, wav.length - Wav.HEADER_SIZE);
    sink.close();
    JdbiRecordingRepository repo = new JdbiRecordingRepository(atalaya.node.database().jdbi());
    repo.insert(new RecordingInfo(recordingId, Tenants.DEFAULT, "call-1", "+34600", "5000", "2002", atalaya.clock.instant(),
        0, 0, 8000, 2, "default/2026/11/22/rec-1.pcm", null, RecordingInfo.Status.RECORDING));
    repo.complete(recordingId, 1000, 32000, "00");
  }

  @AfterAll
  static void stop() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void withoutCredentialsTheApiSays401AndBadCredentialsToo() throws Exception {
    assertThat(send("GET", "/api/v1/recordings", null, null, null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/api/v1/recordings", "admin", "wrong-password", null).statusCode()).isEqualTo(401);
  }

  @Test
  void onlyAdminsCreateAgentsAndBadInputIsA400() throws Exception {
    String body = "{\"extension\":\"1500\",\"password\":\"secret-1500\",\"name\":\"Eva\"}";
    assertThat(send("POST", "/api/v1/agents", "sup", "sup-password", body).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/v1/agents", NodeHarness.ADMIN, NodeHarness.ADMIN_PASSWORD, body).statusCode()).isEqualTo(201);
    assertThat(send("POST", "/api/v1/agents", NodeHarness.ADMIN, NodeHarness.ADMIN_PASSWORD, body).statusCode()).isEqualTo(409);
    HttpResponse<String> bad = send("POST", "/api/v1/agents", NodeHarness.ADMIN, NodeHarness.ADMIN_PASSWORD,
        "{\"extension\":\"x\",\"password\":\"secret-1500\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("extension must be 2 to 10 digits");
    assertThat(send("POST", "/api/v1/agents", NodeHarness.ADMIN, NodeHarness.ADMIN_PASSWORD, "{not json").statusCode())
        .isEqualTo(400);
    assertThat(send("DELETE", "/api/v1/agents/1500", "sup", "sup-password", null).statusCode()).isEqualTo(403);
    assertThat(send("DELETE", "/api/v1/agents/1500", NodeHarness.ADMIN, NodeHarness.ADMIN_PASSWORD, null).statusCode())
        .isBetween(200, 204);
    assertThat(send("GET", "/api/v1/agents", NodeHarness.ADMIN, NodeHarness.ADMIN_PASSWORD, null).body()).doesNotContain("1500");
  }

  @Test
  void anAgentSeesOnlyItsOwnRecordings() throws Exception {
    assertThat(send("GET", "/api/v1/recordings", "ana", "ana-password", null).body()).doesNotContain(recordingId);
    assertThat(send("GET", "/api/v1/recordings/" + recordingId, "ana", "ana-password", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/v1/recordings", "sup", "sup-password", null).body()).contains(recordingId);
  }

  @Test
  void theAudioHonoursRangeRequests() throws Exception {
    String path = "/api/v1/recordings/" + recordingId + "/audio";
    HttpResponse<byte[]> full = bytes(path, null);
    assertThat(full.statusCode()).isEqualTo(200);
    assertThat(full.body()).hasSize(Wav.HEADER_SIZE + 32000);
    HttpResponse<byte[]> first = bytes(path, "bytes=0-99");
    assertThat(first.statusCode()).isEqualTo(206);
    assertThat(first.body()).hasSize(100);
    assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + (Wav.HEADER_SIZE + 32000));
    HttpResponse<byte[]> tail = bytes(path, "bytes=-50");
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(tail.body()).containsExactly(java.util.Arrays.copyOfRange(full.body(), full.body().length - 50, full.body().length));
    assertThat(bytes(path, "bytes=999999-").statusCode()).isEqualTo(416);
  }

  private static HttpResponse<String> send(String method, String path, String user, String password, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + atalaya.node.webPort() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<byte[]> bytes(String path, String range) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + atalaya.node.webPort() + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (NodeHarness.ADMIN + ":" + NodeHarness.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    if (range != null) {
      b.header("Range", range);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}

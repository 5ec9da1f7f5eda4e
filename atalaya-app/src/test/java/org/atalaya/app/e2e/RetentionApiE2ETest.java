package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.calls.Disposition;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.core.users.Role;
import org.atalaya.store.calls.JdbiCallRecordRepository;
import org.atalaya.store.recording.JdbiRecordingRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention, legal holds, erasure and deletion through the API of a running node: who may do
 * what (compliance = admins and auditors; retention and single deletes: admins), another
 * tenant sees and changes nothing, a held recording cannot be deleted or erased, and an
 * erasure leaves the audio unreadable with a receipt.
 */
class RetentionApiE2ETest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PW = "password-123";
  @TempDir static Path dir;
  static NodeHarness atalaya;

  @BeforeAll
  static void start() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 52000, 5, 10);
    var users = atalaya.node.userAccounts();
    users.add(Tenants.DEFAULT, "aud", PW, Role.AUDITOR, null);
    users.add(Tenants.DEFAULT, "sup", PW, Role.SUPERVISOR, null);
    users.add(Tenants.DEFAULT, "qa", PW, Role.QA_ANALYST, null);
    users.add(Tenants.DEFAULT, "ana", PW, Role.AGENT, "1001");
    users.add(Tenants.DEFAULT, "client", PW, Role.CLIENT_VIEWER, null);
    users.add("acme", "acme-admin", PW, Role.ADMIN, null);
    seed("rec-1", "+34611000001");
    seed("rec-2", "+34611000002");
    seed("rec-3", "+34611000002");
  }

  @AfterAll
  static void stop() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void complianceRolesOnlyAndNothingCrossesTenants() throws Exception {
    for (String user : List.of("sup", "qa", "ana", "client")) {
      assertThat(send("GET", "/api/v1/holds", null, user).statusCode()).as(user).isEqualTo(403);
      assertThat(send("POST", "/api/v1/holds", "{\"kind\":\"call\",\"target\":\"call-rec-1\",\"reason\":\"x\"}", user)
          .statusCode()).as(user).isEqualTo(403);
      assertThat(send("POST", "/api/v1/erasure-requests", "{\"number\":\"+34611000001\"}", user).statusCode())
          .as(user).isEqualTo(403);
      assertThat(send("GET", "/api/v1/retention", null, user).statusCode()).as(user).isEqualTo(403);
      assertThat(send("PUT", "/api/v1/retention", "{\"\":30}", user).statusCode()).as(user).isEqualTo(403);
      assertThat(send("DELETE", "/api/v1/recordings/rec-3", null, user).statusCode()).as(user).isEqualTo(403);
    }
    assertThat(send("PUT", "/api/v1/retention", "{\"\":30}", "aud").statusCode()).as("auditors read retention only")
        .isEqualTo(403);
    assertThat(send("DELETE", "/api/v1/recordings/rec-3", null, "aud").statusCode()).isEqualTo(403);
    assertThat(send("GET", "/api/v1/holds", null, null).statusCode()).isEqualTo(401);

    HttpResponse<String> badDays = send("PUT", "/api/v1/retention", "{\"\":0}", NodeHarness.ADMIN);
    assertThat(badDays.statusCode()).isEqualTo(400);
    assertThat(badDays.body()).contains("1..36500");
    assertThat(send("PUT", "/api/v1/retention", "{\"\":365,\"sales\":90}", NodeHarness.ADMIN).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/retention", null, "aud").body()).contains("\"sales\":90");

    HttpResponse<String> placed = send("POST", "/api/v1/holds",
        "{\"kind\":\"call\",\"target\":\"call-rec-2\",\"reason\":\"complaint 4411\"}", "aud");
    assertThat(placed.statusCode()).isEqualTo(201);
    long holdId = JSON.readTree(placed.body()).get("id").asLong();
    assertThat(send("POST", "/api/v1/holds", "{\"kind\":\"planet\",\"target\":\"x\",\"reason\":\"y\"}", "aud").statusCode())
        .isEqualTo(400);

    // The other tenant sees no hold, cannot release it, cannot delete or erase this tenant's data.
    assertThat(JSON.readTree(send("GET", "/api/v1/holds", null, "acme-admin").body())).isEmpty();
    assertThat(send("DELETE", "/api/v1/holds/" + holdId, null, "acme-admin").statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "/api/v1/recordings/rec-1", null, "acme-admin").statusCode()).isEqualTo(404);
    JsonNode foreign = JSON.readTree(send("POST", "/api/v1/erasure-requests", "{\"number\":\"+34611000001\"}",
        "acme-admin").body());
    assertThat(foreign.get("erased").asInt()).isZero();
    assertThat(status("rec-1")).isEqualTo(RecordingInfo.Status.COMPLETE);

    // Held: no delete, no erasure.
    HttpResponse<String> refused = send("DELETE", "/api/v1/recordings/rec-2", null, NodeHarness.ADMIN);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("hold " + holdId);
    JsonNode receipt = JSON.readTree(send("POST", "/api/v1/erasure-requests", "{\"number\":\"+34611000002\"}", "aud")
        .body());
    assertThat(receipt.get("erased").asInt()).isEqualTo(1);
    assertThat(receipt.get("held").asInt()).isEqualTo(1);
    assertThat(receipt.get("receipt").asText()).contains("erased rec-3").contains("kept rec-2");
    assertThat(send("GET", "/api/v1/erasure-requests/" + receipt.get("id").asText(), null, "aud").body())
        .isEqualTo(receipt.get("receipt").asText());
    assertThat(send("GET", "/api/v1/erasure-requests/" + receipt.get("id").asText(), null, "acme-admin").statusCode())
        .isEqualTo(404);
    assertThat(status("rec-3")).isEqualTo(RecordingInfo.Status.DELETED);
    assertThat(atalaya.get("/api/v1/recordings/rec-3/audio").statusCode()).as("erased audio is gone").isEqualTo(404);

    // Released: now an admin may delete it; the deletion is audited.
    assertThat(send("DELETE", "/api/v1/holds/" + holdId, null, "aud").statusCode()).isEqualTo(204);
    assertThat(send("DELETE", "/api/v1/recordings/rec-2", null, NodeHarness.ADMIN).statusCode()).isEqualTo(204);
    assertThat(send("DELETE", "/api/v1/recordings/rec-2", null, NodeHarness.ADMIN).statusCode()).isEqualTo(404);
    var actions = atalaya.node.auditLog().list(Tenants.DEFAULT, 0, 100).stream()
        .map(e -> e.event().action() + " " + e.event().actor()).toList();
    assertThat(actions).contains("policy.retention admin", "hold.place aud", "hold.release aud", "erasure.request aud",
        "recording.delete aud", "recording.delete admin");
    assertThat(atalaya.node.auditLog().verify()).isEmpty();
  }

  private static RecordingInfo.Status status(String id) {
    return new JdbiRecordingRepository(atalaya.node.database().jdbi()).byId(Tenants.DEFAULT, id).orElseThrow().status();
  }

  private static void seed(String id, String from) throws Exception {
    String key = "default/2026/11/01/" + id + ".pcm";
    var sink = atalaya.node.recordingStore().create(Tenants.DEFAULT, key);
    sink.write(new byte[6400], 0, 6400);
    sink.close();
    Instant t = Instant.parse("2026-11-01T10:00:00Z");
    var recordings = new JdbiRecordingRepository(atalaya.node.database().jdbi());
    recordings.insert(new RecordingInfo(id, Tenants.DEFAULT, "call-" + id, from, "900", "1001", t, 0, 0, 8000, 2, key,
        null, RecordingInfo.Status.RECORDING));
    recordings.complete(id, 200, 6400, "cd".repeat(32));
    new JdbiCallRecordRepository(atalaya.node.database().jdbi()).insert(new CallRecord("call-" + id, Tenants.DEFAULT,
        "sip-" + id, from, "", "900", "sales", "1001", t, t, t.plusSeconds(60), Disposition.ANSWERED, "customer", id));
  }

  private static HttpResponse<String> send(String method, String path, String body, String user) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + atalaya.node.webPort() + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      String pw = user.equals(NodeHarness.ADMIN) ? NodeHarness.ADMIN_PASSWORD : PW;
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + pw)
          .getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}

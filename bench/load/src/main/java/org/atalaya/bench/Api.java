package org.atalaya.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Atalaya's REST API as the bench uses it, with an API token (a password hash per request would load it). */
final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String bearer;

  private Api(String base, String bearer) {
    this.base = base;
    this.bearer = bearer;
  }

  /** Logs in as the bench's admin and issues a token for the rest of the run. */
  static Api connect(AtalayaUnderTest a) throws IOException, InterruptedException {
    String base = "http://127.0.0.1:" + a.webPort;
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        (AtalayaUnderTest.ADMIN + ":" + a.adminPassword).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
        .header("Authorization", basic).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"load bench\"}")).build(), HttpResponse.BodyHandlers.ofString());
    check(r, 201);
    return new Api(base, "Bearer " + JSON.readTree(r.body()).path("secret").asText());
  }

  String base() {
    return base;
  }

  String authorization() {
    return bearer;
  }

  void addAgent(String extension, String password) throws IOException, InterruptedException {
    HttpResponse<String> r = send(request("/api/v1/agents").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of(
            "extension", extension, "password", password, "name", "Bench " + extension)))).build());
    if (r.statusCode() != 409) { // already there from an earlier level
      check(r, 201);
    }
  }

  /** How many calls Atalaya has up now, in any state. */
  int activeCalls() throws IOException, InterruptedException {
    return active().size();
  }

  /** Ids of the calls connected to an agent now. */
  List<String> talkingCalls() throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (JsonNode c : active()) {
      if (c.path("agent").isTextual() && !c.path("answeredAt").isNull() && !c.path("answeredAt").isMissingNode()) {
        ids.add(c.path("id").asText());
      }
    }
    return ids;
  }

  private JsonNode active() throws IOException, InterruptedException {
    HttpResponse<String> r = send(request("/api/v1/calls/active").GET().build());
    check(r, 200);
    JsonNode root = JSON.readTree(r.body());
    return root.isArray() ? root : root.path("items");
  }

  /** Every recording started at or after {@code from}, newest first. */
  List<JsonNode> recordingsSince(Instant from) throws IOException, InterruptedException {
    List<JsonNode> all = new ArrayList<>();
    for (int offset = 0; ; offset += 500) {
      HttpResponse<String> r = send(request("/api/v1/recordings?limit=500&offset=" + offset + "&from=" + from).GET().build());
      check(r, 200);
      JsonNode items = JSON.readTree(r.body()).path("items");
      items.forEach(all::add);
      if (items.size() < 500) {
        return all;
      }
    }
  }

  /**
   * The recordings started at or after {@code since}, once at least {@code expected} of them are
   * finished (no longer RECORDING) or {@code seconds} have passed: a call's recording is
   * finalized a moment after its BYE.
   */
  List<JsonNode> awaitFinishedRecordings(Instant since, long expected, int seconds)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<JsonNode> recs = recordingsSince(since);
    while (finished(recs) < expected && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      recs = recordingsSince(since);
    }
    return recs;
  }

  /** How many of these recordings are finished (no longer RECORDING). */
  static long finished(List<JsonNode> recordings) {
    return recordings.stream().filter(r -> !"RECORDING".equals(r.path("status").asText())).count();
  }

  /** A recording's stereo WAV. */
  byte[] audio(String recordingId) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = http.send(request("/api/v1/recordings/" + recordingId + "/audio").GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException("GET audio of " + recordingId + ": " + r.statusCode());
    }
    return r.body();
  }

  /** A browser-style monitoring socket on a call. */
  WebSocket monitor(String callId, String mode, WebSocket.Listener listener) throws Exception {
    return http.newWebSocketBuilder().header("Authorization", bearer)
        .buildAsync(URI.create(base.replace("http:", "ws:") + "/api/v1/monitor/ws?call=" + callId + "&mode=" + mode), listener)
        .get(10, TimeUnit.SECONDS);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).header("Authorization", bearer);
  }

  private HttpResponse<String> send(HttpRequest req) throws IOException, InterruptedException {
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  private static void check(HttpResponse<String> r, int expected) throws IOException {
    if (r.statusCode() != expected) {
      throw new IOException(r.request().method() + " " + r.request().uri() + ": " + r.statusCode() + " " + r.body());
    }
  }
}

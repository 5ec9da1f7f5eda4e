package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.core.users.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring from the browser's side of the wire, against a real node and real sipp calls: the
 * audio WebSocket (what the supervisor hears, by tone; whisper injected into the agent's RTP),
 * the agent's live notice and help (web and *0 on the phone), "call me" ringing a registered
 * phone, and the role and tenant checks on every monitoring endpoint.
 */
class MonitoringWebE2ETest {
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 43000, 10, 30);
    atalaya.addAgent("3001", "agent-pass-3001");
    atalaya.addAgent("3901", "super-pass-3901");
    var users = atalaya.node.userAccounts();
    users.add(Tenants.DEFAULT, "sup", "sup-secret-01", Role.SUPERVISOR, "3901");
    users.add(Tenants.DEFAULT, "ana", "ana-secret-01", Role.AGENT, "3001");
    users.add(Tenants.DEFAULT, "qa", "qa-secret-001", Role.QA_ANALYST, null);
    users.add("otra-empresa", "otro", "otro-secret-1", Role.SUPERVISOR, null);
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void browserListensWhispersAndTheAgentSeesTheNoticeAndAsksForHelp() throws Exception {
    Path agentDir = dir.resolve("agent");
    int agentPort = NodeHarness.freePort();
    atalaya.register(agentDir, agentPort, "3001", "agent-pass-3001");
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        EventStream anaEvents = EventStream.open("ana", "ana-secret-01");
        Sipp agent = Sipp.start(agentDir, "agent-answer-help",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "0", "CODEC", "PCMU",
                "TONE", ToneFiles.write(dir, Hearing.AGENT, 0).toString(), "ANSWERDELAY", "200", "HELPAFTER", "1500"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "60", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("customer"), "customer-call",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "8", "CODEC", "PCMA",
                "TONE", ToneFiles.write(dir, Hearing.CUSTOMER, 8).toString(), "TALKMS", "9000"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1",
            "-timeout", "60", "-mp", "" + (NodeHarness.freePort() & ~1))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> connected() != null);
      String callId = connected().id();

      // The agent pressed *0 on the phone: help lights up on the dashboard.
      await().atMost(Duration.ofSeconds(6)).until(() -> get("/api/v1/dashboard", "sup", "sup-secret-01")
          .body().contains("\"via\":\"DTMF\""));
      JsonNode dash = json(get("/api/v1/dashboard", "sup", "sup-secret-01"));
      assertThat(dash.at("/help/0/callId").asText()).isEqualTo(callId);
      assertThat(dash.at("/calls/0/help").asBoolean()).isTrue();
      assertThat(send("DELETE", "/api/v1/help/" + callId, "sup", "sup-secret-01", "").statusCode()).isEqualTo(204);
      assertThat(json(get("/api/v1/dashboard", "sup", "sup-secret-01")).get("help")).isEmpty();
      // ...and from the agent's web view.
      assertThat(send("POST", "/api/v1/help", "ana", "ana-secret-01", "{\"raised\":true}").statusCode()).isEqualTo(201);
      assertThat(json(get("/api/v1/dashboard", "sup", "sup-secret-01")).at("/help/0/via").asText()).isEqualTo("WEB");

      try (MonitorClient browser = MonitorClient.connect(callId, "listen", "sup", "sup-secret-01")) {
        await().atMost(Duration.ofSeconds(3)).until(() -> browser.lastMode().equals("LISTEN"));
        Thread.sleep(300);
        browser.clear();
        Thread.sleep(1200);
        Hearing.expect("browser listening", browser.heard(), Hearing.CUSTOMER, Hearing.AGENT);

        browser.speak(Hearing.SUPERVISOR);
        browser.command("{\"mode\":\"whisper\"}");
        await().atMost(Duration.ofSeconds(3)).until(() -> browser.lastMode().equals("WHISPER"));
        int agentFrom = agentEar.pcm().length;
        int customerFrom = customerEar.pcm().length;
        Thread.sleep(1500);
        Hearing.expect("agent during the browser's whisper",
            Hearing.slice(agentEar.pcm(), agentFrom + 2400, agentFrom + 10400), Hearing.CUSTOMER, Hearing.SUPERVISOR);
        Hearing.expect("customer during the browser's whisper",
            Hearing.slice(customerEar.pcm(), customerFrom + 2400, customerFrom + 10400), Hearing.AGENT);
        await().atMost(Duration.ofSeconds(3)).until(() -> anaEvents.lines().stream()
            .anyMatch(l -> l.contains("\"mode\":\"WHISPER\"")));
        assertThat(anaEvents.lines()).as("the agent is never told of listening").noneMatch(l -> l.contains("LISTEN"));

        JsonNode sessions = json(get("/api/v1/monitor/sessions", "sup", "sup-secret-01"));
        assertThat(sessions).hasSize(1);
        assertThat(sessions.at("/0/mode").asText()).isEqualTo("WHISPER");
        assertThat(sessions.at("/0/via").asText()).isEqualTo("BROWSER");
      }
      await().atMost(Duration.ofSeconds(3)).until(() -> json(get("/api/v1/monitor/sessions", "sup", "sup-secret-01")).isEmpty());
      await().atMost(Duration.ofSeconds(3)).until(() -> anaEvents.lines().stream().anyMatch(l -> l.contains("ENDED")));
      assertThat(customer.await(30)).as(customer.logs()).isZero();
      assertThat(agent.await(10)).as(agent.logs()).isZero();
      var audit = atalaya.node.auditLog().forTarget(Tenants.DEFAULT, "call:" + callId);
      assertThat(audit).extracting(e -> e.event().action()).containsExactly("monitor.start", "monitor.mode", "monitor.end");
      assertThat(audit.get(0).event().detail()).contains("via=browser");
    }
  }

  @Test
  void callMeRingsTheSupervisorsPhoneAndJoinsIt() throws Exception {
    Path agentDir = dir.resolve("agent2");
    int agentPort = NodeHarness.freePort();
    atalaya.register(agentDir, agentPort, "3001", "agent-pass-3001");
    Path phoneDir = dir.resolve("phone");
    int phonePort = NodeHarness.freePort();
    atalaya.register(phoneDir, phonePort, "3901", "super-pass-3901");
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        RtpProbe phoneEar = new RtpProbe();
        Sipp agent = Sipp.start(agentDir, "agent-answer",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "0", "CODEC", "PCMU",
                "TONE", ToneFiles.write(dir, Hearing.AGENT, 0).toString(), "ANSWERDELAY", "200"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "60", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp phone = Sipp.start(phoneDir, "agent-answer",
            Map.of("RTPPORT", "" + phoneEar.port(), "PT", "0", "CODEC", "PCMU",
                "TONE", ToneFiles.write(dir, Hearing.SUPERVISOR, 0).toString(), "ANSWERDELAY", "200"),
            "-p", "" + phonePort, "-m", "1", "-timeout", "60", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("customer2"), "customer-call",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU",
                "TONE", ToneFiles.write(dir, Hearing.CUSTOMER, 0).toString(), "TALKMS", "6000"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1",
            "-timeout", "60", "-mp", "" + (NodeHarness.freePort() & ~1))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> connected() != null);
      assertThat(connected().agentExtension()).as("the supervisor's phone is never offered queue calls")
          .isEqualTo("3001");
      HttpResponse<String> r = send("POST", "/api/v1/calls/" + connected().id() + "/monitor", "sup", "sup-secret-01",
          "{\"mode\":\"listen\",\"via\":\"phone\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      String sessionId = JSON.readTree(r.body()).get("sessionId").asText();
      await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/v1/monitor/sessions", "sup", "sup-secret-01")
          .body().contains(sessionId));
      int from = phoneEar.pcm().length;
      Thread.sleep(1500);
      Hearing.expect("supervisor's phone after call-me",
          Hearing.slice(phoneEar.pcm(), from + 2400, from + 10400), Hearing.CUSTOMER, Hearing.AGENT);
      assertThat(customer.await(30)).as(customer.logs()).isZero();
      assertThat(phone.await(10)).as("the phone got BYE when the call ended: " + phone.logs()).isZero();
      assertThat(agent.await(10)).as(agent.logs()).isZero();
    }
  }

  @Test
  void onlySupervisorsOfTheCallsTenantMayTouchMonitoring() throws Exception {
    Path agentDir = dir.resolve("agent3");
    int agentPort = NodeHarness.freePort();
    atalaya.register(agentDir, agentPort, "3001", "agent-pass-3001");
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = Sipp.start(agentDir, "agent-answer",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "0", "CODEC", "PCMU",
                "TONE", ToneFiles.write(dir, Hearing.AGENT, 0).toString(), "ANSWERDELAY", "200"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "60", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("customer3"), "customer-call",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU",
                "TONE", ToneFiles.write(dir, Hearing.CUSTOMER, 0).toString(), "TALKMS", "6000"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1",
            "-timeout", "60", "-mp", "" + (NodeHarness.freePort() & ~1))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> connected() != null);
      String callId = connected().id();
      try (MonitorClient own = MonitorClient.connect(callId, "listen", "sup", "sup-secret-01")) {
        await().atMost(Duration.ofSeconds(3)).until(() -> own.sessionId() != null);
        String sid = own.sessionId();
        List<String[]> endpoints = List.of(
            new String[] {"POST", "/api/v1/calls/" + callId + "/monitor", "{\"mode\":\"listen\",\"via\":\"phone\"}"},
            new String[] {"PUT", "/api/v1/monitor/sessions/" + sid, "{\"mode\":\"barge\"}"},
            new String[] {"DELETE", "/api/v1/monitor/sessions/" + sid, ""},
            new String[] {"DELETE", "/api/v1/help/" + callId, ""},
            new String[] {"GET", "/api/v1/monitor/sessions", ""},
            new String[] {"GET", "/api/v1/dashboard", ""});
        for (String[] who : List.of(new String[] {"ana", "ana-secret-01"}, new String[] {"qa", "qa-secret-001"})) {
          for (String[] e : endpoints) {
            assertThat(send(e[0], e[1], who[0], who[1], e[2]).statusCode()).as(who[0] + " " + e[0] + " " + e[1])
                .isEqualTo(403);
          }
          assertThat(MonitorClient.refusal(callId, who[0], who[1])).as(who[0] + " opens the audio socket").isEqualTo(403);
        }
        // A supervisor of another tenant: 403 on everything about this tenant's call and session.
        for (String[] e : endpoints.subList(0, 3)) {
          assertThat(send(e[0], e[1], "otro", "otro-secret-1", e[2]).statusCode()).as("otro " + e[0] + " " + e[1])
              .isEqualTo(403);
        }
        assertThat(MonitorClient.refusal(callId, "otro", "otro-secret-1")).as("otro opens the audio socket").isEqualTo(403);
        assertThat(json(get("/api/v1/dashboard", "otro", "otro-secret-1")).get("calls")).as("nothing of another tenant")
            .isEmpty();
        assertThat(json(get("/api/v1/monitor/sessions", "otro", "otro-secret-1"))).isEmpty();
        // Anonymous: 401. A call that does not exist: 404. Bad mode: 400.
        assertThat(HTTP.send(HttpRequest.newBuilder(uri("/api/v1/dashboard")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/calls/nope/monitor", "sup", "sup-secret-01", "{}").statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/api/v1/monitor/sessions/" + sid, "sup", "sup-secret-01", "{\"mode\":\"shout\"}")
            .statusCode()).isEqualTo(400);
        // The own session is still alive after all of that.
        assertThat(own.lastMode()).isEqualTo("LISTEN");
        assertThat(json(get("/api/v1/monitor/sessions", "sup", "sup-secret-01"))).hasSize(1);
      }
      assertThat(customer.await(30)).as(customer.logs()).isZero();
      assertThat(agent.await(10)).as(agent.logs()).isZero();
    }
  }

  /** The newest connected call (a failed test may leave an older one behind). */
  private static ActiveCall connected() {
    return atalaya.node.calls().list(Tenants.DEFAULT).stream()
        .filter(c -> c.state() == ActiveCall.State.CONNECTED)
        .max(java.util.Comparator.comparing(ActiveCall::startedAt)).orElse(null);
  }

  static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + atalaya.node.webPort() + path);
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> get(String path, String user, String password) throws Exception {
    return send("GET", path, user, password, "");
  }

  static HttpResponse<String> send(String method, String path, String user, String password, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password))
        .header("Content-Type", "application/json");
    b.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}

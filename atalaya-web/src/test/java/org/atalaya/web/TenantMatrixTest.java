package org.atalaya.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atalaya.core.sla.SlaAlert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No endpoint returns or changes another tenant's data. Every route the server registers must
 * have a row here (a new route without one fails the test); each row is called by the admin of
 * tenant "acme" aimed at tenant "default"'s objects, and must answer 403/404 or, for a list,
 * nothing of "default". Afterwards "default"'s data is checked unchanged. A second matrix checks
 * which roles of the same tenant may call the writing endpoints.
 *
 * <p>The live routes (dashboard, monitoring, events, recording control, policy, retention) need
 * a running call path and are covered the same way by the e2e tests of atalaya-app.
 */
class TenantMatrixTest {
  @TempDir static Path blobs;
  static TestServer s;
  static String noteId;
  static String tokenId;
  static String shareId;
  final ObjectMapper mapper = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    s = new TestServer(blobs);
    ObjectMapper m = new ObjectMapper();
    // Default's IVR flow and hours, which acme's admin must neither read nor change.
    s.send(s.basic("/api/v1/ivr/flows/main", "admin").PUT(TestServer.json("{\"id\": \"main\", \"start\": \"q\","
        + " \"steps\": {\"q\": {\"type\": \"queue\", \"queue\": \"secreto de default\"}}}")));
    s.send(s.basic("/api/v1/ivr/hours", "admin").PUT(TestServer.json("{\"zone\": \"Europe/Madrid\"}")));
    assertThat(s.send(s.basic("/api/v1/routing", "admin").PUT(TestServer.json("{\"queues\": [{\"name\": \"confidencial\"}]}"))).statusCode()).isEqualTo(204);
    for (String[] u : new String[][] {{"qa", "qa-analyst"}, {"aud", "auditor"}, {"client", "client-viewer"}}) {
      s.addUser(u[0], u[1]);
    }
    s.send(s.basic("/api/v1/agents", "admin").POST(TestServer.json(
        "{\"extension\":\"1001\",\"password\":\"secret-123\",\"name\":\"Ana Default\"}")));
    noteId = m.readTree(s.send(s.basic("/api/v1/recordings/rec-ana/notes", "sup")
        .POST(TestServer.json("{\"atMillis\":10,\"text\":\"secreto de default\"}"))).body()).get("id").asText();
    s.send(s.basic("/api/v1/recordings/rec-ana/tags", "sup").POST(TestServer.json("{\"kind\":\"type\",\"tag\":\"sale\"}")));
    tokenId = m.readTree(s.send(s.basic("/api/v1/tokens", "admin").POST(TestServer.json("{\"name\":\"crm\"}"))).body())
        .get("id").asText();
    // Default's SLA, breach and webhook (its URL holds "crm"), which acme's admin must neither read nor change.
    s.send(s.basic("/api/v1/sla/definitions/sla-default", "admin").PUT(TestServer.json("{\"name\": \"secreto de default\","
        + " \"metric\": \"asa\", \"comparator\": \"at-most\", \"target\": 30, \"period\": \"1h\"}")));
    s.send(s.basic("/api/v1/sla/webhook", "admin").PUT(TestServer.json("{\"urls\": [\"https://crm.default.example/sla\"],"
        + " \"secret\": \"default-secret-0123456789\"}")));
    s.sla.saveBreach(new SlaAlert("br-default", "default", SlaAlert.Kind.BREACH,
        s.sla.definition("default", "sla-default").orElseThrow(), java.time.Instant.parse("2026-11-22T09:00:00Z"),
        java.time.Instant.parse("2026-11-22T10:00:00Z"), 41, 12, java.time.Instant.parse("2026-11-22T10:00:05Z")));
    shareId = m.readTree(s.send(s.basic("/api/v1/recordings/rec-ana/shares", "sup").POST(TestServer.json("{}"))).body())
        .get("id").asText();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  /** Route → the request acme's admin makes against default's data. */
  private static Map<String, String[]> attacks() {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("GET /api/v1/recordings", new String[] {"GET", "/api/v1/recordings", null});
    m.put("GET /api/v1/recordings/{id}", new String[] {"GET", "/api/v1/recordings/rec-ana", null});
    m.put("GET /api/v1/recordings/{id}/audio", new String[] {"GET", "/api/v1/recordings/rec-ana/audio", null});
    m.put("GET /api/v1/recordings/{id}/gaps", new String[] {"GET", "/api/v1/recordings/rec-ana/gaps", null});
    m.put("GET /api/v1/recordings/{id}/peaks", new String[] {"GET", "/api/v1/recordings/rec-ana/peaks", null});
    m.put("GET /api/v1/recordings/{id}/download", new String[] {"GET", "/api/v1/recordings/rec-ana/download", null});
    m.put("GET /api/v1/recordings/{id}/notes", new String[] {"GET", "/api/v1/recordings/rec-ana/notes", null});
    m.put("POST /api/v1/recordings/{id}/notes", new String[] {"POST", "/api/v1/recordings/rec-ana/notes",
        "{\"atMillis\":1,\"text\":\"x\"}"});
    m.put("DELETE /api/v1/recordings/{id}/notes/{noteId}", new String[] {"DELETE",
        "/api/v1/recordings/rec-ana/notes/" + noteId, null});
    m.put("GET /api/v1/recordings/{id}/tags", new String[] {"GET", "/api/v1/recordings/rec-ana/tags", null});
    m.put("POST /api/v1/recordings/{id}/tags", new String[] {"POST", "/api/v1/recordings/rec-ana/tags",
        "{\"kind\":\"type\",\"tag\":\"complaint\"}"});
    m.put("DELETE /api/v1/recordings/{id}/tags/{kind}/{tag}", new String[] {"DELETE",
        "/api/v1/recordings/rec-ana/tags/type/sale", null});
    m.put("PUT /api/v1/recordings/{id}/score", new String[] {"PUT", "/api/v1/recordings/rec-ana/score", "{\"score\":1}"});
    m.put("PUT /api/v1/recordings/{id}/collections/{name}", new String[] {"PUT",
        "/api/v1/recordings/rec-ana/collections/best-practices", "{}"});
    m.put("DELETE /api/v1/recordings/{id}/collections/{name}", new String[] {"DELETE",
        "/api/v1/recordings/rec-ana/collections/best-practices", null});
    m.put("POST /api/v1/recordings/{id}/shares", new String[] {"POST", "/api/v1/recordings/rec-ana/shares", "{}"});
    m.put("GET /api/v1/recordings/{id}/shares", new String[] {"GET", "/api/v1/recordings/rec-ana/shares", null});
    m.put("DELETE /api/v1/shares/{shareId}", new String[] {"DELETE", "/api/v1/shares/" + shareId, null});
    m.put("GET /api/v1/calls", new String[] {"GET", "/api/v1/calls", null});
    m.put("GET /api/v1/calls/active", new String[] {"GET", "/api/v1/calls/active", null});
    m.put("GET /api/v1/calls/{id}", new String[] {"GET", "/api/v1/calls/call-ana", null});
    m.put("GET /api/v1/voicemail", new String[] {"GET", "/api/v1/voicemail", null});
    m.put("GET /api/v1/agents", new String[] {"GET", "/api/v1/agents", null});
    m.put("POST /api/v1/agents", new String[] {"POST", "/api/v1/agents",
        "{\"extension\":\"1777\",\"password\":\"secret-123\",\"name\":\"Intruso\"}"});
    m.put("DELETE /api/v1/agents/{extension}", new String[] {"DELETE", "/api/v1/agents/1001", null});
    m.put("GET /api/v1/users", new String[] {"GET", "/api/v1/users", null});
    m.put("POST /api/v1/users", new String[] {"POST", "/api/v1/users", null});
    m.put("GET /api/v1/tokens", new String[] {"GET", "/api/v1/tokens?all=true", null});
    m.put("POST /api/v1/tokens", new String[] {"POST", "/api/v1/tokens", null});
    m.put("DELETE /api/v1/tokens/{id}", new String[] {"DELETE", "/api/v1/tokens/" + tokenId, null});
    m.put("GET /api/v1/audit", new String[] {"GET", "/api/v1/audit?limit=500", null});
    m.put("GET /api/v1/audit/export", new String[] {"GET", "/api/v1/audit/export", null});
    m.put("GET /api/v1/audit/verify", new String[] {"GET", "/api/v1/audit/verify", null});
    m.put("GET /api/v1/ivr/flows", new String[] {"GET", "/api/v1/ivr/flows", null});
    m.put("GET /api/v1/ivr/flows/{id}", new String[] {"GET", "/api/v1/ivr/flows/main", null});
    m.put("DELETE /api/v1/ivr/flows/{id}", new String[] {"DELETE", "/api/v1/ivr/flows/main", null});
    // After the DELETE row, so that acme's own "main" it creates is not what the DELETE finds.
    m.put("PUT /api/v1/ivr/flows/{id}", new String[] {"PUT", "/api/v1/ivr/flows/main", "{\"id\": \"main\","
        + " \"start\": \"a\", \"steps\": {\"a\": {\"type\": \"hangup\"}}}"});
    m.put("GET /api/v1/ivr/hours", new String[] {"GET", "/api/v1/ivr/hours", null});
    m.put("PUT /api/v1/ivr/hours", new String[] {"PUT", "/api/v1/ivr/hours", "{\"zone\": \"UTC\"}"});
    m.put("GET /api/v1/routing", new String[] {"GET", "/api/v1/routing", null});
    m.put("PUT /api/v1/routing", new String[] {"PUT", "/api/v1/routing", "{\"queues\": []}"});
    m.put("GET /api/v1/kpis", new String[] {"GET", "/api/v1/kpis?from=2026-11-01&to=2026-11-30&by=agent", null});
    m.put("GET /api/v1/sla/definitions", new String[] {"GET", "/api/v1/sla/definitions", null});
    m.put("GET /api/v1/sla/definitions/{id}", new String[] {"GET", "/api/v1/sla/definitions/sla-default", null});
    m.put("DELETE /api/v1/sla/definitions/{id}", new String[] {"DELETE", "/api/v1/sla/definitions/sla-default", null});
    // After the DELETE row, like the IVR flow: acme gets its own "sla-default", default's stays.
    m.put("PUT /api/v1/sla/definitions/{id}", new String[] {"PUT", "/api/v1/sla/definitions/sla-default",
        "{\"name\": \"acme\", \"metric\": \"aht\", \"comparator\": \"at-most\", \"target\": 300, \"period\": \"1d\"}"});
    m.put("GET /api/v1/sla/breaches", new String[] {"GET", "/api/v1/sla/breaches?from=2026-11-01&to=2026-11-30", null});
    m.put("GET /api/v1/sla/status", new String[] {"GET", "/api/v1/sla/status", null});
    m.put("GET /api/v1/sla/webhook", new String[] {"GET", "/api/v1/sla/webhook", null});
    m.put("PUT /api/v1/sla/webhook", new String[] {"PUT", "/api/v1/sla/webhook",
        "{\"urls\": [\"https://acme.example/sla\"], \"secret\": \"acme-secret-0123456789\"}"});
    m.put("GET /api/v1/tags", new String[] {"GET", "/api/v1/tags", null});
    m.put("GET /api/v1/session", new String[] {"GET", "/api/v1/session", null});
    return m;
  }

  /** Routes that act on the caller's own tenant by construction, or carry no tenant data. */
  private static final Set<String> NOT_TENANT_DATA = Set.of("POST /api/v1/session", "DELETE /api/v1/session",
      "GET /", "GET /login", "GET /recordings", "GET /calls", "GET /dashboard", "GET /agent", "GET /audit",
      "GET /reports", "GET /wallboard", "GET /ivr", "GET /share/{token}", "GET /share/{token}/audio");

  /** Writes keyed by a name that create the caller's own object: acme gets its own "main", default's stays. */
  private static final Set<String> OWN_TENANT_UPSERTS = Set.of("PUT /api/v1/ivr/flows/{id}", "PUT /api/v1/routing",
      "PUT /api/v1/sla/definitions/{id}");

  /** Strings that only default's data contains. */
  private static final List<String> DEFAULT_SECRETS = List.of("rec-ana", "rec-ben", "call-ana", "call-ben", "live-1",
      "+34600000001", "+34600000002", "secreto de default", "\"sup\"", "\"ana\"", "crm", "Ana Default", "confidencial");

  @Test
  void everyRouteHasARowInTheMatrix() {
    List<String> routes = s.server.routes();
    assertThat(routes).hasSizeGreaterThan(30);
    for (String route : routes) {
      assertThat(attacks().containsKey(route) || NOT_TENANT_DATA.contains(route))
          .as("route %s has no row in the tenant matrix", route).isTrue();
    }
  }

  @Test
  void anotherTenantsAdminGetsNothingOfThisTenantAndChangesNothing() throws Exception {
    String before = snapshot();
    for (var e : attacks().entrySet()) {
      String[] a = e.getValue();
      String body = a[2] == null ? "{\"login\":\"x-acme\",\"password\":\"" + TestServer.PASSWORD
          + "\",\"role\":\"admin\",\"name\":\"x\"}" : a[2];
      HttpRequest.Builder req = s.basic(a[1], "acme-admin").header("Content-Type", "application/json");
      req = switch (a[0]) {
        case "GET" -> req.GET();
        case "DELETE" -> req.DELETE();
        default -> req.method(a[0], TestServer.json(body));
      };
      HttpResponse<String> res = s.send(req);
      assertThat(res.statusCode()).as(e.getKey() + " answered " + res.body()).isIn(200, 201, 204, 400, 403, 404);
      for (String secret : DEFAULT_SECRETS) {
        assertThat(res.body()).as(e.getKey() + " leaks " + secret).doesNotContain(secret);
      }
      if (e.getKey().contains("{") && !OWN_TENANT_UPSERTS.contains(e.getKey())) {
        // An endpoint about one of default's objects must not find it.
        assertThat(res.statusCode()).as(e.getKey()).isIn(403, 404);
      }
    }
    assertThat(snapshot()).as("default's data after acme's attempts").isEqualTo(before);
  }

  /** Default's data as its admin sees it. */
  private String snapshot() throws Exception {
    StringBuilder b = new StringBuilder();
    for (String path : List.of("/api/v1/recordings", "/api/v1/recordings/rec-ana/notes", "/api/v1/recordings/rec-ana/tags",
        "/api/v1/recordings/rec-ana/shares", "/api/v1/agents", "/api/v1/users", "/api/v1/tokens?all=true",
        "/api/v1/ivr/flows", "/api/v1/ivr/flows/main", "/api/v1/ivr/hours", "/api/v1/routing", "/api/v1/sla/definitions",
        "/api/v1/sla/webhook", "/api/v1/sla/breaches?from=2026-11-01&to=2026-11-30")) {
      b.append(path).append(' ').append(s.send(s.basic(path, "admin")).body().replaceAll("\"lastUsedAt\":\"[^\"]*\"", ""))
          .append('\n');
    }
    return b.toString();
  }

  @Test
  void onlyTheRightRolesOfTheTenantMayWrite() throws Exception {
    // route → roles allowed (others get 403 or, for an agent who may not see the recording, 404)
    Map<String[], Set<String>> writes = new LinkedHashMap<>();
    writes.put(new String[] {"POST", "/api/v1/recordings/rec-ben/notes", "{\"atMillis\":1,\"text\":\"n\"}"},
        Set.of("admin", "sup", "qa"));
    writes.put(new String[] {"POST", "/api/v1/recordings/rec-ben/tags", "{\"kind\":\"quality\",\"tag\":\"good\"}"},
        Set.of("admin", "sup", "qa"));
    writes.put(new String[] {"PUT", "/api/v1/recordings/rec-ben/score", "{\"score\":70}"}, Set.of("admin", "sup", "qa"));
    writes.put(new String[] {"POST", "/api/v1/recordings/rec-ben/shares", "{\"hours\":1}"}, Set.of("admin", "sup", "qa"));
    writes.put(new String[] {"POST", "/api/v1/agents", "{\"extension\":\"19%d\",\"password\":\"secret-123\",\"name\":\"N\"}"},
        Set.of("admin"));
    writes.put(new String[] {"POST", "/api/v1/users",
        "{\"login\":\"u-%d\",\"password\":\"" + TestServer.PASSWORD + "\",\"role\":\"qa-analyst\"}"}, Set.of("admin"));
    writes.put(new String[] {"GET", "/api/v1/audit", null}, Set.of("admin", "aud"));
    writes.put(new String[] {"GET", "/api/v1/users", null}, Set.of("admin"));
    writes.put(new String[] {"PUT", "/api/v1/sla/definitions/s-role", "{\"name\": \"n\", \"metric\": \"asa\","
        + " \"comparator\": \"at-most\", \"target\": 30, \"period\": \"1h\"}"}, Set.of("admin"));
    writes.put(new String[] {"GET", "/api/v1/sla/webhook", null}, Set.of("admin"));
    int n = 10;
    for (var e : writes.entrySet()) {
      for (String login : List.of("admin", "sup", "qa", "ana", "aud", "client")) {
        String[] w = e.getKey();
        String body = w[2] == null ? null : w[2].replace("%d", Integer.toString(n++));
        HttpRequest.Builder req = s.basic(w[1], login).header("Content-Type", "application/json");
        req = body == null ? req.method(w[0], HttpRequest.BodyPublishers.noBody()) : req.method(w[0], TestServer.json(body));
        int status = s.send(req).statusCode();
        if (e.getValue().contains(login)) {
          assertThat(status).as(login + " " + w[0] + " " + w[1]).isIn(200, 201);
        } else {
          assertThat(status).as(login + " " + w[0] + " " + w[1]).isIn(403, 404);
        }
      }
    }
  }
}

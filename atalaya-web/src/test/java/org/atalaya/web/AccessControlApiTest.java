package org.atalaya.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.atalaya.core.audit.AuditLog.StoredAuditEvent;
import org.atalaya.store.users.JdbiLoginAttempts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lockout, CSRF on cookie sessions and API tokens, over real HTTP, with their audit rows. */
class AccessControlApiTest {
  @TempDir static Path blobs;
  static TestServer s;
  final ObjectMapper mapper = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    s = new TestServer(blobs);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private HttpResponse<String> login(String login, String password) throws Exception {
    return s.send(s.request("/api/v1/session").header("Content-Type", "application/json")
        .POST(TestServer.json("{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}")));
  }

  private static String cookie(HttpResponse<?> res, String name) {
    return res.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
  }

  private List<String> actions(String tenant, String target) {
    return s.audit.forTarget(tenant, target).stream().map(e -> e.event().action()).toList();
  }

  @Test
  void fiveFailuresLockTheLoginEvenWithTheRightPasswordAndEveryStepIsAudited() throws Exception {
    s.addUser("locky", "supervisor");
    for (int i = 1; i <= 4; i++) {
      assertThat(login("locky", "wrong-" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> fifth = login("locky", "wrong-5");
    assertThat(fifth.statusCode()).isEqualTo(429);
    assertThat(mapper.readTree(fifth.body()).get("error").asText()).isEqualTo("locked_out");
    assertThat(Long.parseLong(fifth.headers().firstValue("Retry-After").orElseThrow())).as("the first lockout: 1 min")
        .isBetween(55L, 60L);

    HttpResponse<String> right = login("locky", TestServer.PASSWORD);
    assertThat(right.statusCode()).isEqualTo(429);
    assertThat(right.headers().firstValue("Set-Cookie")).isEmpty();
    // HTTP Basic is no way around the lockout.
    assertThat(s.send(s.basic("/api/v1/recordings", "locky")).statusCode()).isEqualTo(429);
    // The lockout is in the database, so a restart does not lift it.
    var stored = new JdbiLoginAttempts(s.db.jdbi()).get("locky", "127.0.0.1").orElseThrow();
    assertThat(stored.lockouts()).isEqualTo(1);
    assertThat(stored.lockedUntil()).isEqualTo(TestServer.NOW.plusSeconds(60));

    assertThat(actions("default", "user:locky")).containsExactly("user.add", "login.fail", "login.fail", "login.fail",
        "login.fail", "login.fail", "login.lockout", "login.refused", "login.refused");
    // Other logins are unaffected.
    assertThat(login("sup", TestServer.PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void interactiveLoginAndLogoutAreAuditedAndAFailureBelowTheLimitIsForgottenOnSuccess() throws Exception {
    s.addUser("aud-ok", "qa-analyst");
    assertThat(login("aud-ok", "nope").statusCode()).isEqualTo(401);
    HttpResponse<String> ok = login("aud-ok", TestServer.PASSWORD);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(new JdbiLoginAttempts(s.db.jdbi()).get("aud-ok", "127.0.0.1")).isEmpty();
    String session = cookie(ok, "atalaya_session");
    String csrf = cookie(ok, "atalaya_csrf");
    assertThat(s.send(s.request("/api/v1/session").header("Cookie", session + "; " + csrf)
        .header("X-CSRF-Token", csrf.substring(csrf.indexOf('=') + 1)).DELETE()).statusCode()).isEqualTo(200);
    assertThat(actions("default", "user:aud-ok")).containsExactly("user.add", "login.fail", "login.ok", "logout");
    // An unknown login is audited too, under no tenant.
    login("ghost-user", "x");
    assertThat(actions("-", "user:ghost-user")).containsExactly("login.fail");
  }

  @Test
  void unsafeRequestsOnACookieSessionNeedTheCsrfToken() throws Exception {
    HttpResponse<String> ok = login("admin", TestServer.PASSWORD);
    String session = cookie(ok, "atalaya_session");
    String csrfCookie = cookie(ok, "atalaya_csrf");
    assertThat(ok.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("atalaya_csrf=")
        .contains("SameSite=Strict").doesNotContain("HttpOnly"));
    String token = csrfCookie.substring(csrfCookie.indexOf('=') + 1);
    String body = "{\"login\":\"csrf-victim\",\"password\":\"" + TestServer.PASSWORD + "\",\"role\":\"admin\"}";

    HttpResponse<String> none = s.send(s.request("/api/v1/users").header("Cookie", session)
        .header("Content-Type", "application/json").POST(TestServer.json(body)));
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(mapper.readTree(none.body()).get("error").asText()).isEqualTo("csrf");
    HttpResponse<String> wrong = s.send(s.request("/api/v1/users").header("Cookie", session)
        .header("X-CSRF-Token", token.substring(1) + "x").POST(TestServer.json(body)));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(s.send(s.basic("/api/v1/users", "admin")).body()).doesNotContain("csrf-victim");

    HttpResponse<String> right = s.send(s.request("/api/v1/users").header("Cookie", session)
        .header("X-CSRF-Token", token).POST(TestServer.json(body)));
    assertThat(right.statusCode()).isEqualTo(201);
    // Reads need no token; Basic needs none either (the credentials are in the request itself).
    assertThat(s.send(s.request("/api/v1/users").header("Cookie", session)).statusCode()).isEqualTo(200);
    assertThat(s.send(s.basic("/api/v1/tokens", "admin").POST(TestServer.json("{\"name\":\"x\"}"))).statusCode())
        .isEqualTo(201);
  }

  @Test
  void apiTokensActAsTheirOwnerUntilRevokedAndAreStoredOnlyAsAHash() throws Exception {
    HttpResponse<String> issued = s.send(s.basic("/api/v1/tokens", "sup").POST(TestServer.json("{\"name\":\"CRM\"}")));
    assertThat(issued.statusCode()).isEqualTo(201);
    JsonNode t = mapper.readTree(issued.body());
    String secret = t.get("secret").asText();
    long id = t.get("id").asLong();
    assertThat(secret).startsWith("atk_").hasSize(4 + 43);

    HttpResponse<String> me = s.send(s.request("/api/v1/session").header("Authorization", "Bearer " + secret));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(mapper.readTree(me.body()).get("login").asText()).isEqualTo("sup");
    assertThat(s.send(s.request("/api/v1/recordings").header("Authorization", "Bearer " + secret)).statusCode())
        .isEqualTo(200);
    // A token is no session: unsafe requests need no CSRF token, and there is no way to use it as a cookie.
    assertThat(s.send(s.request("/api/v1/recordings").header("Authorization", "Bearer atk_wrong")).statusCode())
        .isEqualTo(401);
    String stored = s.db.jdbi().withHandle(h -> h.createQuery("SELECT secret_hash FROM api_tokens WHERE id = :id")
        .bind("id", id).mapTo(String.class).one());
    assertThat(stored).hasSize(64).doesNotContain(secret.substring(4));

    JsonNode list = mapper.readTree(s.send(s.basic("/api/v1/tokens", "sup")).body()).get("items");
    assertThat(list.toString()).contains("CRM").doesNotContain(secret);
    assertThat(list.get(0).get("lastUsedAt").isNull()).isFalse();
    // Another user neither sees nor revokes it; a non-admin may not list all.
    assertThat(s.send(s.basic("/api/v1/tokens", "ana")).body()).doesNotContain("CRM");
    assertThat(s.send(s.basic("/api/v1/tokens/" + id, "ana").DELETE()).statusCode()).isEqualTo(404);
    assertThat(s.send(s.basic("/api/v1/tokens?all=true", "ana")).statusCode()).isEqualTo(403);
    // Another tenant's admin cannot either; this tenant's admin sees it.
    assertThat(s.send(s.basic("/api/v1/tokens/" + id, "acme-admin").DELETE()).statusCode()).isEqualTo(404);
    assertThat(s.send(s.basic("/api/v1/tokens?all=true", "admin")).body()).contains("CRM");
    assertThat(s.send(s.basic("/api/v1/tokens", "sup").POST(TestServer.json("{\"name\":\"\"}"))).statusCode())
        .isEqualTo(400);

    assertThat(s.send(s.basic("/api/v1/tokens/" + id, "sup").DELETE()).statusCode()).isEqualTo(204);
    assertThat(s.send(s.request("/api/v1/session").header("Authorization", "Bearer " + secret)).statusCode())
        .isEqualTo(401);
    List<StoredAuditEvent> rows = s.audit.forTarget("default", "token:" + id);
    assertThat(rows).extracting(e -> e.event().action()).containsExactly("token.create", "token.revoke");
    assertThat(rows.get(0).event().detail()).doesNotContain(secret);
  }
}

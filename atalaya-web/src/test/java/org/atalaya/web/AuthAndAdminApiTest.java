package org.atalaya.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions, Basic auth, role checks and agent/user administration over real HTTP. */
class AuthAndAdminApiTest {
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

  private static String sessionCookie(HttpResponse<?> res) {
    String setCookie = res.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  @Test
  void goodLoginSetsAStrictHttpOnlyCookieThatAuthenticates() throws Exception {
    HttpResponse<String> res = login("sup", TestServer.PASSWORD);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(mapper.readTree(res.body()).get("role").asText()).isEqualTo("supervisor");
    String setCookie = res.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("atalaya_session=").contains("HttpOnly", "SameSite=Strict", "Path=/");
    // 256 bits in unpadded base64url are 43 characters.
    assertThat(sessionCookie(res).length()).isEqualTo("atalaya_session=".length() + 43);

    HttpResponse<String> me = s.send(s.request("/api/v1/session").header("Cookie", sessionCookie(res)));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(mapper.readTree(me.body()).get("login").asText()).isEqualTo("sup");
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    HttpResponse<String> res = login("sup", TestServer.PASSWORD);
    String cookie = sessionCookie(res);
    String csrf = res.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("atalaya_csrf="))
        .map(c -> c.substring("atalaya_csrf=".length(), c.indexOf(';'))).findFirst().orElseThrow();
    // Logging out is an unsafe request too: without the CSRF token a foreign page could do it.
    assertThat(s.send(s.request("/api/v1/session").header("Cookie", cookie).DELETE()).statusCode()).isEqualTo(403);
    assertThat(s.send(s.request("/api/v1/session").header("Cookie", cookie).header("X-CSRF-Token", csrf).DELETE())
        .statusCode()).isEqualTo(200);
    assertThat(s.send(s.request("/api/v1/recordings").header("Cookie", cookie)).statusCode()).isEqualTo(401);
  }

  @Test
  void badPasswordAndUnknownLoginAre401() throws Exception {
    HttpResponse<String> wrong = login("sup", "not-the-password");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(login("nobody", TestServer.PASSWORD).statusCode()).isEqualTo(401);
  }

  @Test
  void withoutAuthenticationTheApiAnswers401Json() throws Exception {
    for (String path : new String[] {"/api/v1/recordings", "/api/v1/calls", "/api/v1/agents", "/api/v1/session",
        "/api/v1/recordings/rec-ana/audio"}) {
      HttpResponse<String> res = s.send(s.request(path));
      assertThat(res.statusCode()).as(path).isEqualTo(401);
      assertThat(mapper.readTree(res.body()).get("error").asText()).isEqualTo("unauthorized");
    }
    HttpResponse<String> forged = s.send(s.request("/api/v1/calls").header("Cookie", "atalaya_session=forged"));
    assertThat(forged.statusCode()).isEqualTo(401);
  }

  @Test
  void basicAuthWorksAndBadBasicIsChallenged() throws Exception {
    assertThat(s.send(s.basic("/api/v1/calls", "sup")).statusCode()).isEqualTo(200);
    HttpResponse<String> bad = s.send(s.request("/api/v1/calls").header("Authorization", "Basic c3VwOm5vcGU="));
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
  }

  @Test
  void nonAdminsCannotManageAgentsOrUsers() throws Exception {
    String body = "{\"extension\":\"3001\",\"password\":\"secret-1\",\"name\":\"X\"}";
    for (String login : new String[] {"sup", "ana"}) {
      HttpResponse<String> res = s.send(s.basic("/api/v1/agents", login).POST(TestServer.json(body)));
      assertThat(res.statusCode()).as(login).isEqualTo(403);
      assertThat(mapper.readTree(res.body()).get("error").asText()).isEqualTo("forbidden");
      assertThat(s.send(s.basic("/api/v1/users", login)).statusCode()).isEqualTo(403);
    }
  }

  @Test
  void adminCreatesListsAndDeletesAgentsAndDuplicatesConflict() throws Exception {
    String body = "{\"extension\":\"2001\",\"password\":\"secret-1\",\"name\":\"Marta\"}";
    HttpResponse<String> created = s.send(s.basic("/api/v1/agents", "admin").POST(TestServer.json(body)));
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode agent = mapper.readTree(created.body());
    assertThat(agent.get("extension").asText()).isEqualTo("2001");
    assertThat(agent.has("sipHa1")).isFalse();

    HttpResponse<String> dup = s.send(s.basic("/api/v1/agents", "admin").POST(TestServer.json(body)));
    assertThat(dup.statusCode()).isEqualTo(409);
    // Extensions are unique per installation, so another tenant's admin conflicts too.
    assertThat(s.send(s.basic("/api/v1/agents", "acme-admin").POST(TestServer.json(body))).statusCode()).isEqualTo(409);

    assertThat(s.send(s.basic("/api/v1/agents", "admin")).body()).contains("\"2001\"");
    assertThat(s.send(s.basic("/api/v1/agents", "acme-admin")).body()).doesNotContain("2001");
    assertThat(s.send(s.basic("/api/v1/agents/2001", "acme-admin").DELETE()).statusCode()).isEqualTo(404);
    assertThat(s.send(s.basic("/api/v1/agents/2001", "admin").DELETE()).statusCode()).isEqualTo(204);
    assertThat(s.send(s.basic("/api/v1/agents/2001", "admin").DELETE()).statusCode()).isEqualTo(404);
  }

  @Test
  void badInputIs400WithTheDomainMessage() throws Exception {
    HttpResponse<String> notJson = s.send(s.basic("/api/v1/agents", "admin").POST(TestServer.json("{extension:")));
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(mapper.readTree(notJson.body()).get("error").asText()).isEqualTo("bad_request");

    assertThat(s.send(s.basic("/api/v1/agents", "admin").POST(TestServer.json(""))).statusCode()).isEqualTo(400);
    assertThat(s.send(s.basic("/api/v1/agents", "admin").POST(TestServer.json("[1,2]"))).statusCode()).isEqualTo(400);

    HttpResponse<String> badExt = s.send(s.basic("/api/v1/agents", "admin")
        .POST(TestServer.json("{\"extension\":\"12a\",\"password\":\"secret-1\"}")));
    assertThat(badExt.statusCode()).isEqualTo(400);
    assertThat(mapper.readTree(badExt.body()).get("message").asText()).contains("extension must be 2 to 10 digits");

    HttpResponse<String> badRole = s.send(s.basic("/api/v1/users", "admin")
        .POST(TestServer.json("{\"login\":\"zed\",\"password\":\"long-enough-1\",\"role\":\"boss\"}")));
    assertThat(badRole.statusCode()).isEqualTo(400);
    assertThat(mapper.readTree(badRole.body()).get("message").asText()).contains("unknown role");

    assertThat(s.send(s.basic("/api/v1/recordings?limit=x", "admin")).statusCode()).isEqualTo(400);
  }

  @Test
  void adminCreatesUsersThatCanLogIn() throws Exception {
    String body = "{\"login\":\"qa1\",\"password\":\"long-enough-1\",\"role\":\"qa-analyst\",\"agentExtension\":null}";
    HttpResponse<String> created = s.send(s.basic("/api/v1/users", "admin").POST(TestServer.json(body)));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).contains("\"role\":\"qa-analyst\"").doesNotContain("argon2");
    assertThat(s.send(s.basic("/api/v1/users", "admin").POST(TestServer.json(body))).statusCode()).isEqualTo(409);
    assertThat(login("qa1", "long-enough-1").statusCode()).isEqualTo(200);
    assertThat(s.send(s.basic("/api/v1/users", "acme-admin")).body()).doesNotContain("qa1");
  }
}

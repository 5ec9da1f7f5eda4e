package org.atalaya.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admins store the escalation flow and business hours; bad documents leave what was stored. */
class IvrApiTest {
  @TempDir static Path blobs;
  static TestServer s;
  static String escalation;

  @BeforeAll
  static void start() throws Exception {
    s = new TestServer(blobs);
    try (InputStream in = IvrApiTest.class.getResourceAsStream("/ivr/escalation.json")) {
      escalation = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static int put(String path, String body, String user) throws Exception {
    return s.send(s.basic(path, user).PUT(TestServer.json(body))).statusCode();
  }

  @Test
  void anAdminStoresReplacesAndDeletesAFlowAndOthersCannot() throws Exception {
    assertThat(put("/api/v1/ivr/flows/escalation", escalation, "sup")).isEqualTo(403);
    assertThat(put("/api/v1/ivr/flows/escalation", escalation, "admin")).isEqualTo(201);
    assertThat(put("/api/v1/ivr/flows/escalation", escalation, "admin")).as("replaced").isEqualTo(200);
    assertThat(s.send(s.basic("/api/v1/ivr/flows", "sup")).body()).contains("escalation");
    assertThat(s.send(s.basic("/api/v1/ivr/flows/escalation", "sup")).body()).as("read back as written, spacing too")
        .isEqualTo(escalation);
    assertThat(s.send(s.basic("/api/v1/ivr/flows/escalation", "ana")).statusCode()).isEqualTo(403);
    assertThat(s.send(s.basic("/api/v1/ivr/flows/escalation", "acme-admin")).statusCode()).isEqualTo(404);
    assertThat(s.send(s.basic("/api/v1/ivr/flows", "acme-admin")).body()).doesNotContain("escalation");

    // A broken edit is refused naming the field, and the stored flow is unchanged.
    String broken = escalation.replace("\"timeoutSeconds\": 5", "\"timeoutSeconds\": 0");
    var res = s.send(s.basic("/api/v1/ivr/flows/escalation", "admin").PUT(TestServer.json(broken)));
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.body()).contains("steps.menu.timeoutSeconds");
    assertThat(s.send(s.basic("/api/v1/ivr/flows/escalation", "admin").PUT(TestServer.json(escalation))).body())
        .contains("\"steps\":10");
    assertThat(put("/api/v1/ivr/flows/other-name", escalation, "admin")).as("id differs from the URL").isEqualTo(400);
    assertThat(put("/api/v1/ivr/flows/escalation", "not json", "admin")).isEqualTo(400);

    assertThat(s.send(s.basic("/api/v1/ivr/flows/escalation", "acme-admin").DELETE()).statusCode()).isEqualTo(404);
    assertThat(s.send(s.basic("/api/v1/ivr/flows/escalation", "admin").DELETE()).statusCode()).isEqualTo(204);
    assertThat(s.send(s.basic("/api/v1/ivr/flows/escalation", "admin")).statusCode()).isEqualTo(404);
    assertThat(s.audit.forTarget("default", "ivr-flow:escalation")).extracting(e -> e.event().action())
        .containsExactly("ivr.flow.save", "ivr.flow.save", "ivr.flow.save", "ivr.flow.delete");
  }

  @Test
  void businessHours() throws Exception {
    assertThat(s.send(s.basic("/api/v1/ivr/hours", "admin")).statusCode()).isEqualTo(404);
    String hours = "{\"zone\": \"Europe/Madrid\", \"week\": {\"mon\": [\"09:00-14:00\"]}, \"holidays\": [\"2026-12-25\"]}";
    assertThat(put("/api/v1/ivr/hours", hours, "admin")).isEqualTo(204);
    var bad = s.send(s.basic("/api/v1/ivr/hours", "admin").PUT(TestServer.json("{\"zone\": \"Mars/Olympus\"}")));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("zone");
    assertThat(s.send(s.basic("/api/v1/ivr/hours", "sup")).body()).contains("Europe/Madrid", "2026-12-25");
    assertThat(s.send(s.basic("/api/v1/ivr/hours", "acme-admin")).statusCode()).isEqualTo(404);
    assertThat(put("/api/v1/ivr/hours", hours, "sup")).isEqualTo(403);
  }
}

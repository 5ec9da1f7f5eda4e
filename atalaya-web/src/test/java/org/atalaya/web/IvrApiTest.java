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

  @Test
  void aDialledNumberRunsOneFlowOnly() throws Exception {
    assertThat(put("/api/v1/ivr/flows/escalation", escalation, "admin")).isIn(200, 201);
    String other = "{\"id\": \"other\", \"numbers\": [\"+34910000100\"], \"start\": \"a\","
        + " \"steps\": {\"a\": {\"type\": \"hangup\"}}}";
    var res = s.send(s.basic("/api/v1/ivr/flows/other", "admin").PUT(TestServer.json(other)));
    assertThat(res.statusCode()).isEqualTo(409);
    assertThat(res.body()).contains("+34910000100").contains("escalation");
    res = s.send(s.basic("/api/v1/ivr/flows/other", "admin").PUT(TestServer.json(other.replace("+34910000100", "91-00"))));
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.body()).contains("numbers");
    assertThat(put("/api/v1/ivr/flows/other", other.replace("+34910000100", "+34910000200"), "admin")).isEqualTo(201);
    // Another tenant may use the same number for its own flow: numbers are per tenant.
    assertThat(put("/api/v1/ivr/flows/other", other, "acme-admin")).isEqualTo(201);
    assertThat(s.send(s.basic("/api/v1/ivr/flows/other", "admin").DELETE()).statusCode()).isEqualTo(204);
  }

  @Test
  void anAdminSetsQueuesAndSkillsAndBadDocumentsNameTheirField() throws Exception {
    String routing = """
        {"queues": [
          {"name": "technical", "strategy": "least-talk-time", "skills": {"technical": 3}, "wrapUpSeconds": 15,
           "maxWaitSeconds": 60, "overflow": "supervisors", "serviceLevelSeconds": 30,
           "announceEverySeconds": 30, "voicemail": false},
          {"name": "supervisors", "strategy": "ring-all", "skills": {"escalation": 1}, "voicemail": true}],
         "agents": {"1001": {"technical": 5}, "1002": {"technical": 2, "escalation": 1}},
         "pauseReasons": ["break", "lunch", "training"],
         "trunk": {"uri": "sip:gw.example.net:5060", "transport": "tcp"}}""";
    assertThat(put("/api/v1/routing", routing, "sup")).isEqualTo(403);
    assertThat(put("/api/v1/routing", routing, "admin")).isEqualTo(204);
    assertThat(s.send(s.basic("/api/v1/routing", "sup")).body()).isEqualTo(routing);
    assertThat(s.send(s.basic("/api/v1/routing", "ana")).statusCode()).isEqualTo(403);
    assertThat(s.send(s.basic("/api/v1/routing", "acme-admin")).body()).doesNotContain("technical");
    for (String[] bad : new String[][] {
        {routing.replace("\"overflow\": \"supervisors\"", "\"overflow\": \"nowhere\""), "queues.technical.overflow"},
        {routing.replace("least-talk-time", "most-cheerful"), "queues.technical.strategy"},
        {routing.replace("\"wrapUpSeconds\": 15", "\"wrapUpSeconds\": -1"), "queues.technical.wrapUpSeconds"},
        {routing.replace("{\"technical\": 5}", "{\"technical\": 11}"), "agents.1001.technical"},
        {routing.replace("\"1001\"", "\"ana\""), "agents: 'ana'"},
        {routing.replace("\"training\"", "\"Training!\""), "pauseReasons"},
        {routing.replace("\"announceEverySeconds\": 30", "\"announceEverySeconds\": 5"), "every 15 to 600 s"},
        {routing.replace("\"voicemail\": false", "\"voicemail\": \"yes\""), "queues.technical.voicemail"},
        {routing.replace("sip:gw.example.net:5060", "sip:carrier@gw.example.net"), "trunk.uri"},
        {routing.replace("\"tcp\"", "\"sctp\""), "trunk.transport"},
        {routing.replace("\"name\": \"supervisors\"", "\"name\": \"technical\""), "appears twice"}}) {
      var res = s.send(s.basic("/api/v1/routing", "admin").PUT(TestServer.json(bad[0])));
      assertThat(res.statusCode()).as(bad[1]).isEqualTo(400);
      assertThat(res.body()).contains(bad[1]);
    }
    assertThat(s.send(s.basic("/api/v1/routing", "admin")).body()).as("what was stored stays").isEqualTo(routing);
    assertThat(s.audit.forTarget("default", "routing:default")).extracting(e -> e.event().action())
        .containsExactly("routing.save");
  }
}

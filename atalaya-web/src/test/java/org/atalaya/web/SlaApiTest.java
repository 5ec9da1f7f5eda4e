package org.atalaya.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.atalaya.core.audit.AuditQuery;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.calls.Disposition;
import org.atalaya.core.sla.SlaAlert;
import org.atalaya.core.sla.SlaComparator;
import org.atalaya.core.sla.SlaDefinition;
import org.atalaya.core.sla.SlaMetric;
import org.atalaya.core.sla.SlaPeriod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SLA API over a running server: definitions, status from stored calls, breaches, the webhook. */
class SlaApiTest {
  @TempDir static Path blobs;
  static TestServer s;
  final ObjectMapper mapper = new ObjectMapper();
  static final String SL = "{\"name\": \"Nivel de servicio 80/20\", \"metric\": \"serviceLevel\", \"comparator\":"
      + " \"at-least\", \"target\": 80, \"thresholdSeconds\": 20, \"queue\": \"sales\", \"period\": \"1h\","
      + " \"zone\": \"Europe/Madrid\", \"minCalls\": 10}";

  @BeforeAll
  static void start() throws Exception {
    s = new TestServer(blobs);
    for (String[] u : new String[][] {{"qa", "qa-analyst"}, {"aud", "auditor"}, {"client", "client-viewer"}}) {
      s.addUser(u[0], u[1]);
    }
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  HttpResponse<String> put(String path, String user, String body) throws Exception {
    return s.send(s.basic(path, user).header("Content-Type", "application/json").PUT(TestServer.json(body)));
  }

  JsonNode get(String path, String user) throws Exception {
    var res = s.send(s.basic(path, user));
    assertThat(res.statusCode()).as(path + " " + res.body()).isEqualTo(200);
    return mapper.readTree(res.body());
  }

  @Test
  void adminsWriteDefinitionsAndTheReadingRolesReadThem() throws Exception {
    var created = put("/api/v1/sla/definitions/sl-80-20", "admin", SL);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode d = mapper.readTree(created.body());
    assertThat(d.get("id").asText()).isEqualTo("sl-80-20");
    assertThat(d.get("metric").asText()).isEqualTo("serviceLevel");
    assertThat(d.get("comparator").asText()).isEqualTo("at-least");
    assertThat(d.get("period").asText()).isEqualTo("1h");
    assertThat(d.get("zone").asText()).isEqualTo("Europe/Madrid");
    assertThat(put("/api/v1/sla/definitions/sl-80-20", "admin", SL.replace("80,", "85,")).statusCode()).isEqualTo(200);
    var abandon = put("/api/v1/sla/definitions/abandono", "admin",
        "{\"name\": \"Abandono < 5 %\", \"metric\": \"abandonRate\", \"comparator\": \"at-most\", \"target\": 5,"
            + " \"period\": \"1d\"}");
    assertThat(abandon.statusCode()).as(abandon.body()).isEqualTo(201);
    JsonNode a = mapper.readTree(abandon.body());
    assertThat(a.get("zone").asText()).as("default zone").isEqualTo("UTC");
    assertThat(a.get("minCalls").asInt()).as("default minimum").isEqualTo(10);
    assertThat(a.get("thresholdSeconds").isNull()).isTrue();
    for (String reader : new String[] {"admin", "sup", "aud", "client"}) {
      JsonNode items = get("/api/v1/sla/definitions", reader).get("items");
      assertThat(items).hasSize(2);
      assertThat(items.get(0).get("id").asText()).isEqualTo("abandono");
    }
    assertThat(get("/api/v1/sla/definitions/sl-80-20", "client").get("target").asDouble()).isEqualTo(85.0);
    for (String other : new String[] {"qa", "ana"}) {
      assertThat(s.send(s.basic("/api/v1/sla/definitions", other)).statusCode()).isEqualTo(403);
    }
    assertThat(put("/api/v1/sla/definitions/x", "sup", SL).statusCode()).isEqualTo(403);
    assertThat(s.send(s.basic("/api/v1/sla/definitions/abandono", "sup").DELETE()).statusCode()).isEqualTo(403);
    assertThat(s.send(s.basic("/api/v1/sla/definitions/abandono", "admin").DELETE()).statusCode()).isEqualTo(204);
    assertThat(s.send(s.basic("/api/v1/sla/definitions/abandono", "admin").DELETE()).statusCode()).isEqualTo(404);
    assertThat(s.audit.search("default", new AuditQuery("admin", "sla.definition.", null, null, null), 0, 10))
        .extracting(e -> e.event().action()).contains("sla.definition.save", "sla.definition.delete");
  }

  @Test
  void badDefinitionsAnswer400NamingTheField() throws Exception {
    String[][] cases = {
        {SL.replace("\"serviceLevel\"", "\"nps\""), "metric"}, {SL.replace("80,", "180,"), "target"},
        {SL.replace("80,", "\"ochenta\","), "target"}, {SL.replace("at-least", "more"), "comparator"},
        {SL.replace("\"1h\"", "\"2h\""), "period"}, {SL.replace("Europe/Madrid", "Mars/Olympus"), "zone"},
        {SL.replace("10}", "-1}"), "minCalls"}, {SL.replace("\"minCalls\"", "\"minimo\""), "minimo"},
        {SL.replace("{", "{\"id\": \"otro\", "), "id"}, {SL.replace("20,", "0,"), "thresholdSeconds"},
        {SL.replace("\"Nivel de servicio 80/20\"", "\"\""), "name"}, {"[1, 2]", "body"}, {"{nope", "body"}};
    for (String[] c : cases) {
      var res = put("/api/v1/sla/definitions/bad", "admin", c[0]);
      assertThat(res.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(mapper.readTree(res.body()).get("message").asText()).as(c[0]).startsWith(c[1]);
    }
    var badId = put("/api/v1/sla/definitions/con%20espacio", "admin", SL);
    assertThat(badId.statusCode()).isEqualTo(400);
    assertThat(badId.body()).contains("id:");
    assertThat(s.send(s.basic("/api/v1/sla/definitions/bad", "admin")).statusCode()).as("nothing stored").isEqualTo(404);
  }

  @Test
  void statusJudgesTheDayInProgressAndTheLastDayFromStoredCalls() throws Exception {
    Instant today = s.clock.instant().atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
    s.calls.insert(new CallRecord("st-1", "default", "x", "+34611000001", "", "900", "status-q", null, today,
        null, today.plusSeconds(30), Disposition.ABANDONED, "customer", null));
    Instant yesterday = today.minusSeconds(3600);
    s.calls.insert(new CallRecord("st-2", "default", "x", "+34611000002", "", "900", "status-q", "1001", yesterday,
        yesterday.plusSeconds(5), yesterday.plusSeconds(65), Disposition.ANSWERED, "customer", null));
    put("/api/v1/sla/definitions/status-sl", "admin", "{\"name\": \"SL\", \"metric\": \"serviceLevel\","
        + " \"comparator\": \"at-least\", \"target\": 80, \"queue\": \"status-q\", \"period\": \"1d\", \"minCalls\": 1}");
    JsonNode items = get("/api/v1/sla/status", "client").get("items");
    JsonNode mine = null;
    for (JsonNode i : items) {
      mine = i.get("definition").get("id").asText().equals("status-sl") ? i : mine;
    }
    assertThat(mine).isNotNull();
    assertThat(mine.get("current").get("state").asText()).as("today: 1 abandoned of 1").isEqualTo("AT_RISK");
    assertThat(mine.get("current").get("actual").asDouble()).isZero();
    assertThat(mine.get("current").get("periodStart").asText()).isEqualTo(today.toString());
    assertThat(mine.get("last").get("state").asText()).as("yesterday: answered in 5 s").isEqualTo("MET");
    assertThat(mine.get("last").get("actual").asDouble()).isEqualTo(100.0);
    assertThat(mine.get("last").get("calls").asInt()).isEqualTo(1);
    assertThat(mine.get("last").get("periodEnd").asText()).isEqualTo(today.toString());
    assertThat(s.send(s.basic("/api/v1/sla/status", "ana")).statusCode()).isEqualTo(403);
  }

  @Test
  void breachesOfTheTenantInAPeriod() throws Exception {
    SlaDefinition d = new SlaDefinition("asa", "ASA ≤ 30 s", SlaMetric.ASA, SlaComparator.AT_MOST, 30, null, null,
        SlaPeriod.HOUR, ZoneId.of("Europe/Madrid"), 5);
    Instant t = Instant.parse("2026-11-22T09:00:00Z");
    s.sla.saveBreach(new SlaAlert("br-default", "default", SlaAlert.Kind.BREACH, d, t, t.plusSeconds(3600), 41.5, 12,
        t.plusSeconds(3605)));
    s.sla.saveBreach(new SlaAlert("br-acme", "acme", SlaAlert.Kind.BREACH, d, t, t.plusSeconds(3600), 50, 12,
        t.plusSeconds(3605)));
    JsonNode res = get("/api/v1/sla/breaches?from=2026-11-22&to=2026-11-22", "aud");
    assertThat(res.get("items")).hasSize(1);
    assertThat(res.get("items").get(0).get("id").asText()).isEqualTo("br-default");
    JsonNode b = res.get("items").get(0);
    assertThat(b.get("actual").asDouble()).isEqualTo(41.5);
    assertThat(b.get("definition").get("metric").asText()).isEqualTo("asa");
    assertThat(b.get("periodEnd").asText()).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(get("/api/v1/sla/breaches?from=2026-11-23&to=2026-11-24", "sup").get("items")).isEmpty();
    var bad = s.send(s.basic("/api/v1/sla/breaches?from=ayer", "sup"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("from");
  }

  @Test
  void onlyAdminsSeeAndSetTheWebhookAndTheSecretNeverComesBack() throws Exception {
    JsonNode none = get("/api/v1/sla/webhook", "admin");
    assertThat(none.get("secretSet").asBoolean()).isFalse();
    assertThat(none.get("urls")).isEmpty();
    String[][] bad = {{"{\"urls\": [\"ftp://crm.example.com/x\"], \"secret\": \"0123456789abcdef\"}", "urls"},
        {"{\"urls\": [\" \"], \"secret\": \"0123456789abcdef\"}", "urls"},
        {"{\"urls\": \"https://crm.example.com\"}", "urls"},
        {"{\"urls\": [\"https://crm.example.com/hook\"]}", "secret"},
        {"{\"urls\": [\"https://crm.example.com/hook\"], \"secret\": \"corto\"}", "secret"}};
    for (String[] c : bad) {
      var res = put("/api/v1/sla/webhook", "admin", c[0]);
      assertThat(res.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(mapper.readTree(res.body()).get("message").asText()).as(c[0]).startsWith(c[1]);
    }
    String secret = "el-secreto-del-cliente-2026";
    var saved = put("/api/v1/sla/webhook", "admin", "{\"urls\": [\"https://crm.example.com/hook\","
        + " \"http://10.1.2.3:8080/sla\"], \"secret\": \"" + secret + "\"}");
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(saved.body()).doesNotContain(secret);
    var again = put("/api/v1/sla/webhook", "admin", "{\"urls\": [\"https://crm.example.com/hook\"]}");
    assertThat(again.statusCode()).as("the stored secret stays").isEqualTo(200);
    JsonNode view = get("/api/v1/sla/webhook", "admin");
    assertThat(view.get("secretSet").asBoolean()).isTrue();
    assertThat(view.get("urls").findValuesAsText("")).isEmpty();
    assertThat(view.get("urls").get(0).asText()).isEqualTo("https://crm.example.com/hook");
    assertThat(view.toString()).doesNotContain(secret);
    assertThat(s.sla.webhook("default").orElseThrow().secret()).isEqualTo(secret);
    for (String other : new String[] {"sup", "aud", "client", "ana"}) {
      assertThat(s.send(s.basic("/api/v1/sla/webhook", other)).statusCode()).isEqualTo(403);
      assertThat(put("/api/v1/sla/webhook", other, "{\"urls\": []}").statusCode()).isEqualTo(403);
    }
    var trail = s.audit.search("default", new AuditQuery("admin", "sla.webhook.save", null, null, null), 0, 10);
    assertThat(trail).hasSize(2);
    assertThat(trail.toString()).doesNotContain(secret);
  }
}

package org.atalaya.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.atalaya.core.audit.AuditCheckpointer;
import org.atalaya.core.audit.AuditEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor's view of the audit log: browse, filter, export, verify (the chain, and its end
 * against the newest checkpoint); tenant and role bound.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditApiTest {
  @TempDir static Path blobs;
  static TestServer s;
  final ObjectMapper mapper = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    s = new TestServer(blobs);
    s.addUser("aud", "auditor");
    Instant t = Instant.parse("2026-11-20T10:00:00Z");
    s.audit.append(new AuditEvent("default", t, "sup", "recording.play", "recording:rec-ana", "call=call-ana"));
    s.audit.append(new AuditEvent("default", t.plusSeconds(60), "ana", "recording.play", "recording:rec-ana",
        "=HYPERLINK(\"x\"), with comma"));
    s.audit.append(new AuditEvent("acme", t.plusSeconds(90), "acme-admin", "recording.play", "recording:rec-acme", ""));
    // Plays through the API are audited too.
    s.send(s.basic("/api/v1/recordings/rec-ben/audio", "sup"));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  @Order(1)
  void anAuditorBrowsesAndFiltersItsTenantsLog() throws Exception {
    JsonNode all = mapper.readTree(s.send(s.basic("/api/v1/audit?limit=500", "aud")).body()).get("items");
    assertThat(all.toString()).contains("rec-ana", "rec-ben", "user.add", "user:aud").doesNotContain("rec-acme");
    JsonNode plays = mapper.readTree(s.send(s.basic("/api/v1/audit?action=recording.play&actor=sup", "aud")).body())
        .get("items");
    assertThat(plays).hasSize(2);
    assertThat(plays.get(0).get("target").asText()).isEqualTo("recording:rec-ben");
    assertThat(plays.get(0).get("hash").asText()).hasSize(64);
    JsonNode day = mapper.readTree(s.send(s.basic("/api/v1/audit?from=2026-11-20&to=2026-11-20T10:00:30Z", "aud"))
        .body()).get("items");
    assertThat(day).hasSize(1);
    assertThat(s.send(s.basic("/api/v1/audit?from=yesterday", "aud")).statusCode()).isEqualTo(400);
    assertThat(s.send(s.basic("/api/v1/audit?from=2026-11-21&to=2026-11-20", "aud")).statusCode()).isEqualTo(400);
    // Another tenant's admin sees only its own rows.
    assertThat(s.send(s.basic("/api/v1/audit", "acme-admin")).body()).contains("rec-acme").doesNotContain("rec-ana");
  }

  @Test
  @Order(2)
  void onlyAuditorsAndAdminsMayReadIt() throws Exception {
    for (String login : new String[] {"sup", "ana"}) {
      for (String path : new String[] {"/api/v1/audit", "/api/v1/audit/export", "/api/v1/audit/verify"}) {
        assertThat(s.send(s.basic(path, login)).statusCode()).as(login + " " + path).isEqualTo(403);
      }
    }
    assertThat(s.send(s.request("/api/v1/audit")).statusCode()).isEqualTo(401);
    assertThat(s.send(s.basic("/api/v1/audit", "admin")).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(3)
  void theExportIsCsvOrJsonWithEveryMatchingRowAndIsItselfAudited() throws Exception {
    HttpResponse<String> csv = s.send(s.basic("/api/v1/audit/export?action=recording.", "aud"));
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("audit-default.csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).isEqualTo("seq,at,actor,action,target,detail,hash");
    assertThat(lines).hasSize(4);
    // A cell a spreadsheet would run as a formula is defused and quoted.
    assertThat(csv.body()).contains("\"'=HYPERLINK(\"\"x\"\"), with comma\"");
    HttpResponse<String> json = s.send(s.basic("/api/v1/audit/export?format=json&actor=ana", "aud"));
    JsonNode rows = mapper.readTree(json.body());
    assertThat(rows.isArray()).isTrue();
    assertThat(rows).hasSize(1);
    assertThat(s.send(s.basic("/api/v1/audit/export?format=xml", "aud")).statusCode()).isEqualTo(400);
    JsonNode exports = mapper.readTree(s.send(s.basic("/api/v1/audit?action=audit.export", "aud")).body()).get("items");
    assertThat(exports).hasSize(2);
    assertThat(exports.get(1).get("detail").asText()).contains("format=csv", "action=recording.");
  }

  @Test
  @Order(4)
  void verifyReportsAnEditedRow() throws Exception {
    assertThat(mapper.readTree(s.send(s.basic("/api/v1/audit/verify", "aud")).body()).get("intact").asBoolean()).isTrue();
    long seq = s.db.jdbi().withHandle(h -> h.createQuery(
        "SELECT MIN(seq) FROM audit_log WHERE action = 'recording.play' AND actor = 'ana'").mapTo(Long.class).one());
    s.db.jdbi().useHandle(h -> h.createUpdate("UPDATE audit_log SET actor = 'nobody' WHERE seq = :seq")
        .bind("seq", seq).execute());
    JsonNode res = mapper.readTree(s.send(s.basic("/api/v1/audit/verify", "aud")).body());
    assertThat(res.get("intact").asBoolean()).isFalse();
    assertThat(res.get("firstBadRow").asLong()).isEqualTo(seq);
  }

  @Test
  @Order(5)
  void verifyNamesTheLastRowRemovedAfterACheckpoint() throws Exception {
    JsonNode before = mapper.readTree(s.send(s.basic("/api/v1/audit/verify", "aud")).body());
    assertThat(before.get("checkpoint").isNull()).as("no checkpoint yet").isTrue();
    new AuditCheckpointer(s.audit, s.auditCheckpoints, s.clock).atStop();
    long last = s.db.jdbi().withHandle(h -> h.createQuery("SELECT MAX(seq) FROM audit_log").mapTo(Long.class).one());
    s.db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_log WHERE seq = ?", last));
    JsonNode res = mapper.readTree(s.send(s.basic("/api/v1/audit/verify", "aud")).body());
    assertThat(res.get("intact").asBoolean()).isFalse();
    assertThat(res.get("checkpoint").get("seq").asLong()).isEqualTo(last);
    assertThat(res.get("problems").toString()).contains("row " + last + " missing (checkpoint of "
        + TestServer.NOW + " says the log reached row " + last + ")");
  }
}

package org.atalaya.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.atalaya.core.audit.AuditQuery;
import org.atalaya.core.calls.AgentSegment;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.calls.Disposition;
import org.atalaya.core.routing.AgentActivity;
import org.atalaya.core.routing.AgentState;
import org.atalaya.store.ivr.JdbiIvrRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KPI API over stored calls: TestServer's three calls of 2026-11-22 (Ana answered after 4 s,
 * Ben after 10 s, one abandoned after 30 s) plus Ana's caller again ten minutes later (answered
 * after 5 s), a failed call, and another tenant's call. Ana's states around her first call are
 * stored: 60 s on it, 30 s of wrap-up after it, 30 s available; Ben's are not. Acme's "sales"
 * queue has a 120 s service level, and acme has a call transferred from 1001 to 1002 the day before.
 */
class KpiApiTest {
  @TempDir static Path blobs;
  static TestServer s;
  final ObjectMapper mapper = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    s = new TestServer(blobs);
    Instant t0 = Instant.parse("2026-11-22T09:00:00Z");
    s.calls.insert(new CallRecord("call-again", "default", "sip-4", "+34600000001", "", "900100200", "support", "1001",
        t0.plusSeconds(600), t0.plusSeconds(605), t0.plusSeconds(665), Disposition.ANSWERED, "customer", null));
    s.calls.insert(new CallRecord("call-failed", "default", "sip-5", "+34600000008", "", "900100200", "sales", null,
        t0.plusSeconds(700), null, t0.plusSeconds(700), Disposition.FAILED, "system", null));
    s.calls.insert(new CallRecord("call-acme", "acme", "sip-6", "+34600000007", "", "900100200", "sales", "1001",
        t0, t0.plusSeconds(90), t0.plusSeconds(200), Disposition.ANSWERED, "customer", null));
    s.activity.append(new AgentActivity("default", "1001", AgentState.ON_CALL, t0.plusSeconds(4), t0.plusSeconds(64),
        null, "call-ana"));
    s.activity.append(new AgentActivity("default", "1001", AgentState.WRAP_UP, t0.plusSeconds(64), t0.plusSeconds(94),
        null, "call-ana"));
    s.activity.append(new AgentActivity("default", "1001", AgentState.AVAILABLE, t0.plusSeconds(94),
        t0.plusSeconds(124), null, null));
    new JdbiIvrRepository(s.db.jdbi()).saveRouting("acme",
        "{\"queues\": [{\"name\": \"sales\", \"serviceLevelSeconds\": 120}]}", "acme-admin", t0);
    Instant d0 = Instant.parse("2026-11-21T10:00:00Z");
    s.calls.insert(new CallRecord("acme-transfer", "acme", "sip-7", "+34600000017", "", "900100200", "sales", "1001",
        d0, d0.plusSeconds(10), d0.plusSeconds(130), Disposition.ANSWERED, "customer", null, null, d0, 0, 1, List.of(
            new AgentSegment("1001", d0.plusSeconds(10), d0.plusSeconds(40), "transfer"),
            new AgentSegment("1002", d0.plusSeconds(50), d0.plusSeconds(130), "end")), null, false));
    for (String[] u : new String[][] {{"qa", "qa-analyst"}, {"client", "client-viewer"}}) {
      s.addUser(u[0], u[1]);
    }
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private JsonNode get(String query, String user) throws Exception {
    var res = s.send(s.basic("/api/v1/kpis?" + query, user));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return mapper.readTree(res.body());
  }

  @Test
  void theDaysFiguresFromStoredCalls() throws Exception {
    JsonNode total = get("from=2026-11-22&to=2026-11-22&fcrHours=1", "sup").get("rows").get(0);
    assertThat(total.get("key").asText()).isEqualTo("total");
    JsonNode f = total.get("figures");
    assertThat(f.get("offered").asInt()).as("the failed call never reached the queue").isEqualTo(4);
    assertThat(f.get("answered").asInt()).isEqualTo(3);
    assertThat(f.get("abandoned").asInt()).isEqualTo(1);
    assertThat(f.get("asaSeconds").asDouble()).as("(4 + 10 + 5) / 3").isCloseTo(19.0 / 3, within(1e-9));
    assertThat(f.get("serviceLevelPercent").asDouble()).as("3 of 4 within 20 s").isEqualTo(75.0);
    assertThat(f.get("abandonRatePercent").asDouble()).isEqualTo(25.0);
    assertThat(f.get("ahtSeconds").asDouble()).as("(60 + 30 + 60 + Ana's 30 s of wrap-up) / 3").isEqualTo(60.0);
    assertThat(f.get("averageWrapUpSeconds").asDouble()).isEqualTo(10.0);
    assertThat(f.get("occupancyPercent").asDouble()).as("Ana: (60 + 30) / 120; Ben has no states stored")
        .isEqualTo(75.0);
    assertThat(f.get("averageAbandonSeconds").asDouble()).isEqualTo(30.0);
    assertThat(f.get("fcrCounted").asInt()).isEqualTo(3);
    assertThat(f.get("fcrResolved").asInt()).as("Ana's caller called again 9 min after").isEqualTo(2);
    assertThat(f.get("csatAverage").isNull()).as("no survey answers yet").isTrue();

    // A 5 s service level: only Ana's and the repeat call's answers (4 s, 5 s) are within it.
    JsonNode strict = get("from=2026-11-22&to=2026-11-22&serviceLevel=5", "client").get("rows").get(0).get("figures");
    assertThat(strict.get("serviceLevelPercent").asDouble()).isEqualTo(50.0);
    assertThat(strict.get("fcrCounted").asInt()).as("a 72 h window after yesterday has not closed").isZero();
  }

  @Test
  void eachCallIsJudgedByItsQueuesServiceLevelUnlessTheRequestGivesOne() throws Exception {
    JsonNode own = get("from=2026-11-22&to=2026-11-22", "acme-admin");
    assertThat(own.get("rules").get("queueServiceLevels").get("sales").asDouble()).as("seconds").isEqualTo(120.0);
    assertThat(own.get("rows").get(0).get("figures").get("serviceLevelPercent").asDouble())
        .as("answered after 90 s, within sales' 120 s").isEqualTo(100.0);
    JsonNode asked = get("from=2026-11-22&to=2026-11-22&serviceLevel=20", "acme-admin");
    assertThat(asked.get("rules").get("queueServiceLevels").size()).as("one threshold for every call").isZero();
    assertThat(asked.get("rows").get(0).get("figures").get("serviceLevelPercent").asDouble()).isEqualTo(0.0);
    JsonNode none = get("from=2026-11-22&to=2026-11-22", "sup");
    assertThat(none.get("rules").get("queueServiceLevels").size()).as("no routing: the default 20 s").isZero();
  }

  @Test
  void perAgentATransferredCallIsEachAgentsAndOccupancyComesFromTheirStates() throws Exception {
    JsonNode transferred = get("from=2026-11-21&to=2026-11-21&by=agent", "acme-admin").get("rows");
    assertThat(transferred.findValuesAsText("key")).containsExactly("1001", "1002");
    JsonNode first = transferred.get(0).get("figures");
    assertThat(first.get("answered").asInt()).isEqualTo(1);
    assertThat(first.get("asaSeconds").asDouble()).isEqualTo(10.0);
    assertThat(first.get("averageTalkSeconds").asDouble()).as("its own segment").isEqualTo(30.0);
    JsonNode second = transferred.get(1).get("figures");
    assertThat(second.get("answered").asInt()).isEqualTo(1);
    assertThat(second.get("offered").asInt()).isZero();
    assertThat(second.get("asaSeconds").isNull()).as("the caller waited for 1001 only").isTrue();
    assertThat(second.get("averageTalkSeconds").asDouble()).isEqualTo(80.0);

    JsonNode agents = get("from=2026-11-22&to=2026-11-22&by=agent", "sup").get("rows");
    assertThat(agents.get(0).get("figures").get("occupancyPercent").asDouble()).isEqualTo(75.0);
    assertThat(agents.get(0).get("figures").get("averageWrapUpSeconds").asDouble()).as("(30 + 0) / 2").isEqualTo(15.0);
    assertThat(agents.get(1).get("figures").get("occupancyPercent").isNull()).as("no states of Ben's").isTrue();
    JsonNode queues = get("from=2026-11-22&to=2026-11-22&by=queue", "sup").get("rows");
    assertThat(queues.get(0).get("figures").get("occupancyPercent").isNull()).as("not defined per queue").isTrue();
  }

  @Test
  void splitByQueueAgentAndInterval() throws Exception {
    JsonNode agents = get("from=2026-11-22&to=2026-11-22&by=agent", "qa").get("rows");
    assertThat(agents).hasSize(2);
    assertThat(agents.get(0).get("key").asText()).isEqualTo("1001");
    assertThat(agents.get(0).get("figures").get("answered").asInt()).isEqualTo(2);
    assertThat(agents.get(1).get("figures").get("answered").asInt()).isEqualTo(1);
    JsonNode queues = get("from=2026-11-22&to=2026-11-22&by=queue", "sup").get("rows");
    assertThat(queues.findValuesAsText("key")).containsExactly("sales", "support");
    JsonNode hours = get("from=2026-11-22&to=2026-11-22&by=interval&interval=1h", "sup").get("rows");
    assertThat(hours).hasSize(24);
    assertThat(hours.get(9).get("key").asText()).isEqualTo("2026-11-22T09:00:00Z");
    assertThat(hours.get(9).get("figures").get("offered").asInt()).isEqualTo(4);
    assertThat(hours.get(8).get("figures").get("serviceLevelPercent").isNull()).isTrue();
    assertThat(hours.get(9).get("figures").get("occupancyPercent").asDouble()).isEqualTo(75.0);
    assertThat(hours.get(8).get("figures").get("occupancyPercent").isNull()).isTrue();
  }

  @Test
  void onlyTheCallersTenantAndNotForAgents() throws Exception {
    JsonNode acme = get("from=2026-11-22&to=2026-11-22", "acme-admin").get("rows").get(0).get("figures");
    assertThat(acme.get("offered").asInt()).isEqualTo(1);
    assertThat(acme.get("asaSeconds").asDouble()).isEqualTo(90.0);
    assertThat(s.send(s.basic("/api/v1/kpis?from=2026-11-22&to=2026-11-22", "ana")).statusCode()).isEqualTo(403);
    assertThat(s.send(s.request("/api/v1/kpis?from=2026-11-22&to=2026-11-22")).statusCode()).isEqualTo(401);
  }

  @Test
  void badParametersAreNamed() throws Exception {
    for (String[] bad : new String[][] {{"to=2026-11-22", "from"}, {"from=2026-11-22&to=2026-11-22&by=week", "by"},
        {"from=2026-11-22&to=2026-11-22&by=interval&interval=5m", "interval"},
        {"from=2026-11-23&to=2026-11-21", "period"}, {"from=2026-01-01&to=2026-11-22", "92 days"},
        {"from=2026-11-22&to=2026-11-22&serviceLevel=-3", "serviceLevel"}}) {
      var res = s.send(s.basic("/api/v1/kpis?" + bad[0], "sup"));
      assertThat(res.statusCode()).as(bad[0]).isEqualTo(400);
      assertThat(res.body()).as(bad[0]).contains(bad[1]);
    }
  }

  @Test
  void daysFollowTheAskedTimeZone() throws Exception {
    // Kiritimati is UTC+14: the calls at 09:0xZ on the 22nd are 23:0x there, still the 22nd.
    JsonNode days = get("from=2026-11-22&to=2026-11-23&by=day&zone=Pacific/Kiritimati", "sup");
    assertThat(days.get("zone").asText()).isEqualTo("Pacific/Kiritimati");
    assertThat(days.get("from").asText()).isEqualTo("2026-11-21T10:00:00Z");
    JsonNode rows = days.get("rows");
    assertThat(rows.findValuesAsText("key")).containsExactly("2026-11-22", "2026-11-23");
    assertThat(rows.get(0).get("figures").get("offered").asInt()).isEqualTo(4);
    assertThat(rows.get(1).get("figures").get("offered").asInt()).as("a quiet day is a row of zeros").isZero();
    assertThat(rows.get(1).get("figures").get("serviceLevelPercent").isNull()).isTrue();
    JsonNode utc = get("from=2026-11-22&to=2026-11-22&by=day", "sup").get("rows");
    assertThat(utc).hasSize(1);
    assertThat(utc.get(0).get("figures").get("offered").asInt()).isEqualTo(4);
    var bad = s.send(s.basic("/api/v1/kpis?from=2026-11-22&to=2026-11-22&zone=Mars/Olympus", "sup"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("zone");
  }

  @Test
  void csvExportHasStableColumnsTheSameNumbersAndIsAudited() throws Exception {
    var res = s.send(s.basic("/api/v1/kpis?from=2026-11-22&to=2026-11-22&by=queue&format=csv", "client"));
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(res.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", ".csv");
    String[] lines = res.body().split("\r\n");
    assertThat(lines[0]).isEqualTo("key,offered,answered,abandoned,short_abandoned,unanswered,answered_in_threshold,"
        + "service_level_pct,abandon_rate_pct,asa_s,avg_abandon_s,aht_s,avg_talk_s,avg_hold_s,avg_wrap_up_s,"
        + "fcr_resolved,fcr_counted,fcr_pct,csat_avg,csat_responses,transfers,callbacks,occupancy_pct");
    // sales: Ana 4 s, Ben 10 s, one abandoned (the failed call is not offered); support: the repeat call.
    assertThat(lines).hasSize(3);
    assertThat(lines[1]).as("AHT (60 + 30 + 30 of wrap-up) / 2")
        .startsWith("sales,3,2,1,0,0,2,66.67,33.33,7,30,60,45,0,15,").as("a queue has no occupancy").endsWith(",");
    assertThat(lines[2]).startsWith("support,1,1,0,0,0,1,100,0,5,,60,60,");
    var byAccept = s.send(s.basic("/api/v1/kpis?from=2026-11-22&to=2026-11-22", "sup").header("Accept", "text/csv"));
    assertThat(byAccept.body()).startsWith("key,offered").contains("\r\ntotal,4,3,1,").endsWith(",75\r\n");
    assertThat(s.audit.search("default", new AuditQuery(null, "kpi.export", null, null, null),
        0, 10)).extracting(e -> e.event().actor()).containsExactlyInAnyOrder("client", "sup");
    assertThat(s.send(s.basic("/api/v1/kpis?from=2026-11-22&to=2026-11-22&format=xls", "sup")).body())
        .contains("format");
  }
}

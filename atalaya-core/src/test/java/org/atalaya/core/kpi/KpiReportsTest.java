package org.atalaya.core.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.calls.Disposition;
import org.atalaya.core.calls.MemoryCallRecordRepository;
import org.atalaya.core.routing.AgentActivity;
import org.atalaya.core.routing.AgentState;
import org.atalaya.core.routing.MemoryAgentActivityRepository;
import org.junit.jupiter.api.Test;

/**
 * The figures a report takes from the agents' state history, against a fixture computed by hand:
 * 09:00-10:00 UTC, split in halves.
 *
 * <pre>
 * 1001  available 09:00-09:10 (600 s), ringing 09:10:00-09:10:10 for call A, on A 09:10:10-09:25:10
 *       (900 s), wrap-up after A 09:25:10-09:35:10 (600 s, across 09:30), available -09:40 (290 s),
 *       paused for lunch 09:40-09:55 (not counted), available 09:55-10:00 (300 s)
 * 1002  available since 08:30 (counted from 09:00: 3600 s), never offered a call
 * 1003  paused the whole hour: no row
 * </pre>
 *
 * Call A (sales) offered 09:10:00, answered after 10 s, 900 s of talk. Call B (support) offered
 * 09:31:00, abandoned after 30 s.
 */
class KpiReportsTest {
  private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");
  private static final Instant TEN = NINE.plusSeconds(3600);

  private static Instant at(String hms) {
    return Instant.parse("2026-11-23T" + hms + "Z");
  }

  private static AgentActivity stretch(String agent, AgentState state, String from, String to, String reason,
      String call) {
    return new AgentActivity("t1", agent, state, at(from), at(to), reason, call);
  }

  private final KpiReports reports;

  KpiReportsTest() {
    MemoryCallRecordRepository calls = new MemoryCallRecordRepository();
    calls.insert(new CallRecord("A", "t1", "sip-a", "+34600000001", "", "900", "sales", "1001", at("09:10:00"),
        at("09:10:10"), at("09:25:10"), Disposition.ANSWERED, "customer", null, null, at("09:10:00"), 0));
    calls.insert(new CallRecord("B", "t1", "sip-b", "+34600000002", "", "900", "support", null, at("09:31:00"), null,
        at("09:31:30"), Disposition.ABANDONED, "customer", null, null, at("09:31:00"), 0));
    MemoryAgentActivityRepository activity = new MemoryAgentActivityRepository();
    activity.append(stretch("1001", AgentState.AVAILABLE, "09:00:00", "09:10:00", null, null));
    activity.append(stretch("1001", AgentState.RINGING, "09:10:00", "09:10:10", null, "A"));
    activity.append(stretch("1001", AgentState.ON_CALL, "09:10:10", "09:25:10", null, "A"));
    activity.append(stretch("1001", AgentState.WRAP_UP, "09:25:10", "09:35:10", null, "A"));
    activity.append(stretch("1001", AgentState.AVAILABLE, "09:35:10", "09:40:00", null, null));
    activity.append(stretch("1001", AgentState.PAUSED, "09:40:00", "09:55:00", "lunch", null));
    activity.append(stretch("1001", AgentState.AVAILABLE, "09:55:00", "10:00:00", null, null));
    activity.append(stretch("1002", AgentState.AVAILABLE, "08:30:00", "10:00:00", null, null));
    activity.append(stretch("1003", AgentState.PAUSED, "08:00:00", "11:00:00", "training", null));
    activity.append(new AgentActivity("t2", "1001", AgentState.ON_CALL, NINE, TEN, null, "other"));
    reports = new KpiReports(calls, activity, Clock.fixed(at("12:00:00"), ZoneOffset.UTC));
  }

  private Map<String, KpiFigures> report(KpiReports.Split split) {
    return reports.report("t1", NINE, TEN, split, Duration.ofMinutes(30), KpiRules.DEFAULT);
  }

  @Test
  void theWrapUpIsTheCallsAndCountsInTheIntervalItWasOfferedIn() {
    KpiFigures total = report(KpiReports.Split.TOTAL).get("total");
    assertThat(total.averageWrapUpSeconds()).isEqualTo(600.0);
    assertThat(total.ahtSeconds()).as("900 + 0 + 600").isEqualTo(1500.0);
    Map<String, KpiFigures> halves = report(KpiReports.Split.INTERVAL);
    assertThat(halves.get("2026-11-23T09:00:00Z").averageWrapUpSeconds()).as("all of it, also the part after 09:30")
        .isEqualTo(600.0);
    assertThat(halves.get("2026-11-23T09:30:00Z").averageWrapUpSeconds()).as("no call answered").isNull();
  }

  @Test
  void occupancyIsHandleTimeOverHandleAndIdleTimeWithoutPauses() {
    // 1001 handles 900 + 600 = 1500 s, is idle 600 + 10 + 290 + 300 = 1200 s; 1002 idle 3600 s.
    assertThat(report(KpiReports.Split.TOTAL).get("total").occupancyPercent()).as("1500 / (1500 + 4800)")
        .isCloseTo(100.0 * 1500 / 6300, within(1e-9));
    Map<String, KpiFigures> agents = report(KpiReports.Split.AGENT);
    assertThat(agents.keySet()).as("1002 answered nothing but was logged in; 1003 only paused")
        .containsExactly("1001", "1002");
    assertThat(agents.get("1001").occupancyPercent()).as("1500 / 2700: lunch is not counted")
        .isCloseTo(100.0 * 1500 / 2700, within(1e-9));
    assertThat(agents.get("1001").answered()).isEqualTo(1);
    assertThat(agents.get("1002").occupancyPercent()).as("logged in, never called: 0 %, not no figure")
        .isEqualTo(0.0);
    assertThat(agents.get("1002").answered()).isZero();
    assertThat(agents.get("1002").ahtSeconds()).isNull();
  }

  @Test
  void occupancyCountsTheTimeInsideEachIntervalOrDay() {
    Map<String, KpiFigures> halves = report(KpiReports.Split.INTERVAL);
    // 09:00-09:30: handle 900 + 290 (wrap-up to 09:30); idle 600 + 10 + 1800 (1002).
    assertThat(halves.get("2026-11-23T09:00:00Z").occupancyPercent()).isCloseTo(100.0 * 1190 / 3600, within(1e-9));
    // 09:30-10:00: handle 310 (wrap-up from 09:30); idle 290 + 300 + 1800; 900 s of lunch left out.
    assertThat(halves.get("2026-11-23T09:30:00Z").occupancyPercent()).isCloseTo(100.0 * 310 / 2700, within(1e-9));
    assertThat(report(KpiReports.Split.DAY).get("2026-11-23").occupancyPercent())
        .isCloseTo(100.0 * 1500 / 6300, within(1e-9));
    Map<String, KpiFigures> quiet = reports.report("t1", TEN, TEN.plusSeconds(3600), KpiReports.Split.TOTAL,
        Duration.ofHours(1), KpiRules.DEFAULT);
    assertThat(quiet.get("total").occupancyPercent()).as("nobody logged in and unpaused").isNull();
  }

  @Test
  void aQueueHasNoOccupancy() {
    Map<String, KpiFigures> queues = report(KpiReports.Split.QUEUE);
    assertThat(queues.keySet()).containsExactly("sales", "support");
    assertThat(queues.values()).allSatisfy(f -> assertThat(f.occupancyPercent()).isNull());
  }
}

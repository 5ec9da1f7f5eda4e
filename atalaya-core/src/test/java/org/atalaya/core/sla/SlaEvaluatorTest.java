package org.atalaya.core.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.atalaya.core.sla.SlaComparator.AT_LEAST;
import static org.atalaya.core.sla.SlaComparator.AT_MOST;
import static org.atalaya.core.sla.SlaFixture.H10;
import static org.atalaya.core.sla.SlaFixture.MADRID;
import static org.atalaya.core.sla.SlaFixture.def;

import java.time.Instant;
import java.time.ZoneId;
import org.atalaya.core.kpi.KpiReports;
import org.atalaya.core.routing.MemoryAgentActivityRepository;
import org.atalaya.core.sla.SlaResult.State;
import org.junit.jupiter.api.Test;

/** SLA verdicts over {@link SlaFixture}'s hand-computed hour, and Madrid's period boundaries. */
class SlaEvaluatorTest {
  final SlaEvaluator eval = new SlaEvaluator(new KpiReports(SlaFixture.calls(), new MemoryAgentActivityRepository(),
      SlaFixture.at(H10.plusSeconds(7200))));

  @Test
  void theServiceLevelOfAClosedHourAgainstItsTarget() {
    SlaResult sales = eval.closed("t1", def("sl", SlaMetric.SERVICE_LEVEL, AT_LEAST, 80, "sales", SlaPeriod.HOUR, 3), H10);
    assertThat(sales.actual()).as("3 of 5 within 20 s, c2 exactly on 20 s counts").isEqualTo(60.0);
    assertThat(sales.calls()).isEqualTo(5);
    assertThat(sales.state()).isEqualTo(State.BREACHED);
    assertThat(sales.periodStart()).isEqualTo(H10);
    assertThat(sales.periodEnd()).isEqualTo(H10.plusSeconds(3600));
    SlaResult onTarget = eval.closed("t1", def("sl", SlaMetric.SERVICE_LEVEL, AT_LEAST, 60, "sales", SlaPeriod.HOUR, 3), H10);
    assertThat(onTarget.state()).as("exactly on target is met").isEqualTo(State.MET);
    SlaResult all = eval.closed("t1", def("sl", SlaMetric.SERVICE_LEVEL, AT_LEAST, 60, null, SlaPeriod.HOUR, 3), H10);
    assertThat(all.actual()).as("all queues: 3 of 6").isEqualTo(50.0);
    assertThat(all.state()).isEqualTo(State.BREACHED);
  }

  @Test
  void atMostTargetsAndTheMinimumOfCalls() {
    SlaDefinition abandon = def("ab", SlaMetric.ABANDON_RATE, AT_MOST, 20, "sales", SlaPeriod.HOUR, 5);
    assertThat(eval.closed("t1", abandon, H10).state()).as("1 of 5 = 20 %, on target").isEqualTo(State.MET);
    SlaDefinition strict = def("ab", SlaMetric.ABANDON_RATE, AT_MOST, 19.9, "sales", SlaPeriod.HOUR, 5);
    assertThat(eval.closed("t1", strict, H10).state()).isEqualTo(State.BREACHED);
    SlaDefinition asa = def("asa", SlaMetric.ASA, AT_MOST, 14, "sales", SlaPeriod.HOUR, 4);
    SlaResult r = eval.closed("t1", asa, H10);
    assertThat(r.actual()).as("(10 + 20 + 25 + 5) / 4").isEqualTo(15.0);
    assertThat(r.calls()).as("ASA is over answered calls").isEqualTo(4);
    assertThat(r.state()).isEqualTo(State.BREACHED);
    SlaDefinition fewCalls = def("asa", SlaMetric.ASA, AT_MOST, 14, "sales", SlaPeriod.HOUR, 5);
    assertThat(eval.closed("t1", fewCalls, H10).state()).as("4 answered < 5").isEqualTo(State.NOT_ENOUGH_CALLS);
    SlaDefinition csat = def("csat", SlaMetric.CSAT, AT_LEAST, 4.2, null, SlaPeriod.HOUR, 0);
    SlaResult none = eval.closed("t1", csat, H10);
    assertThat(none.actual()).as("no survey answers: no figure, not 0").isNull();
    assertThat(none.state()).isEqualTo(State.NOT_ENOUGH_CALLS);
    SlaDefinition quietQueue = def("q", SlaMetric.SERVICE_LEVEL, AT_LEAST, 80, "billing", SlaPeriod.HOUR, 0);
    assertThat(eval.closed("t1", quietQueue, H10).state()).isEqualTo(State.NOT_ENOUGH_CALLS);
    assertThat(eval.closed("t2", def("sl", SlaMetric.SERVICE_LEVEL, AT_LEAST, 80, "sales", SlaPeriod.HOUR, 1), H10)
        .calls()).as("tenant t2 sees its one call only").isEqualTo(1);
  }

  @Test
  void aPeriodInProgressIsAtRiskNotBreached() {
    SlaEvaluator at1040 = new SlaEvaluator(new KpiReports(SlaFixture.calls(), new MemoryAgentActivityRepository(),
        SlaFixture.at(H10.plusSeconds(2400))));
    SlaDefinition sl = def("sl", SlaMetric.SERVICE_LEVEL, AT_LEAST, 80, "sales", SlaPeriod.HOUR, 3);
    SlaResult r = at1040.inProgress("t1", sl, H10.plusSeconds(2400));
    assertThat(r.actual()).as("c1-c4 so far: 2 of 4").isEqualTo(50.0);
    assertThat(r.state()).isEqualTo(State.AT_RISK);
    assertThat(r.periodEnd()).isEqualTo(H10.plusSeconds(3600));
    assertThat(at1040.inProgress("t1", sl, H10).state()).as("nothing yet at the first instant")
        .isEqualTo(State.NOT_ENOUGH_CALLS);
  }

  @Test
  void aMadridDayRunsFromLocalMidnight() {
    // Monday 23 in Madrid is 2026-11-22T23:00Z to 2026-11-23T23:00Z: every fixture call of t1 but none before.
    SlaDefinition day = def("d", SlaMetric.SERVICE_LEVEL, AT_LEAST, 80, "sales", SlaPeriod.DAY, 1);
    Instant now = H10.plusSeconds(7200);
    assertThat(eval.lastFinalPeriod(day, now)).isEqualTo(Instant.parse("2026-11-21T23:00:00Z"));
    SlaResult monday = eval.closed("t1", day, Instant.parse("2026-11-22T23:00:00Z"));
    assertThat(monday.periodEnd()).isEqualTo(Instant.parse("2026-11-23T23:00:00Z"));
    assertThat(monday.calls()).as("c1-c5 and c7").isEqualTo(6);
    assertThat(monday.actual()).as("4 of 6").isCloseTo(400.0 / 6, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void periodBoundariesFollowTheWallClockAcrossDaylightSaving() {
    assertThat(SlaPeriod.DAY.start(Instant.parse("2026-03-29T12:00:00Z"), MADRID))
        .isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
    assertThat(SlaPeriod.DAY.end(Instant.parse("2026-03-28T23:00:00Z"), MADRID)).as("a 23-hour day")
        .isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    assertThat(SlaPeriod.DAY.end(Instant.parse("2026-10-24T22:00:00Z"), MADRID)).as("a 25-hour day")
        .isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
    // 02:30 happens twice on 25 October: once in summer time, once in winter time; two periods.
    assertThat(SlaPeriod.HOUR.start(Instant.parse("2026-10-25T00:30:00Z"), MADRID))
        .isEqualTo(Instant.parse("2026-10-25T00:00:00Z"));
    assertThat(SlaPeriod.HOUR.start(Instant.parse("2026-10-25T01:30:00Z"), MADRID))
        .isEqualTo(Instant.parse("2026-10-25T01:00:00Z"));
    assertThat(SlaPeriod.MIN_15.start(Instant.parse("2026-11-23T09:14:59Z"), MADRID)).isEqualTo(H10);
    assertThat(SlaPeriod.MIN_30.start(Instant.parse("2026-11-23T09:45:00Z"), MADRID))
        .isEqualTo(Instant.parse("2026-11-23T09:30:00Z"));
    // Kolkata is UTC+5:30: its hours start at half past in UTC.
    assertThat(SlaPeriod.HOUR.start(Instant.parse("2026-11-23T09:10:00Z"), ZoneId.of("Asia/Kolkata")))
        .isEqualTo(Instant.parse("2026-11-23T08:30:00Z"));
    assertThat(SlaPeriod.HOUR.previous(H10, MADRID)).isEqualTo(H10.minusSeconds(3600));
  }

  @Test
  void fcrIsJudgedOnlyOnceItsRepeatWindowHasPassed() {
    SlaDefinition fcr = def("fcr", SlaMetric.FCR, AT_LEAST, 70, null, SlaPeriod.DAY, 1);
    assertThat(eval.lastFinalPeriod(fcr, Instant.parse("2026-11-27T10:00:00Z")))
        .as("72 h before is 24 Nov 11:00 in Madrid; the last whole day before it is the 23rd")
        .isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
  }

  @Test
  void definitionsAreCheckedAndNameTheField() {
    assertThatThrownBy(() -> def("a b", SlaMetric.ASA, AT_MOST, 30, null, SlaPeriod.HOUR, 1)).hasMessageStartingWith("id:");
    assertThatThrownBy(() -> def("sl", SlaMetric.SERVICE_LEVEL, AT_LEAST, 180, null, SlaPeriod.HOUR, 1))
        .hasMessageStartingWith("target:");
    assertThatThrownBy(() -> def("c", SlaMetric.CSAT, AT_LEAST, 0.5, null, SlaPeriod.HOUR, 1)).hasMessageStartingWith("target:");
    assertThatThrownBy(() -> def("c", SlaMetric.ASA, AT_LEAST, 30, null, SlaPeriod.HOUR, -1)).hasMessageStartingWith("minCalls:");
    assertThatThrownBy(() -> new SlaDefinition("sl", "SL", SlaMetric.SERVICE_LEVEL, AT_LEAST, 80, null, null,
        SlaPeriod.HOUR, MADRID, 1)).hasMessageStartingWith("thresholdSeconds:");
    assertThatThrownBy(() -> new SlaDefinition("a", "A", SlaMetric.ASA, AT_MOST, 30, 20, null, SlaPeriod.HOUR, MADRID,
        1)).hasMessageStartingWith("thresholdSeconds:");
    assertThatThrownBy(() -> new SlaDefinition("a", " ", SlaMetric.ASA, AT_MOST, 30, null, null, SlaPeriod.HOUR, MADRID,
        1)).hasMessageStartingWith("name:");
    assertThatThrownBy(() -> new SlaDefinition("a", "A", SlaMetric.ASA, AT_MOST, 30, null, null, null, MADRID, 1))
        .hasMessageStartingWith("period:");
    assertThatThrownBy(() -> SlaPeriod.parse("2h")).hasMessageStartingWith("period:");
    assertThatThrownBy(() -> SlaMetric.parse("nps")).hasMessageStartingWith("metric:");
    assertThatThrownBy(() -> SlaComparator.parse("equals")).hasMessageStartingWith("comparator:");
    assertThatThrownBy(() -> WebhookConfig.url("ftp://example.com/x")).hasMessageStartingWith("urls:");
    assertThatThrownBy(() -> WebhookConfig.url(" ")).hasMessageStartingWith("urls:");
    assertThatThrownBy(() -> new WebhookConfig(java.util.List.of(), "short")).hasMessageStartingWith("secret:");
  }
}

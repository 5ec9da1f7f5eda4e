package org.atalaya.core.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atalaya.core.sla.SlaComparator.AT_LEAST;
import static org.atalaya.core.sla.SlaComparator.AT_MOST;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.calls.Disposition;
import org.atalaya.core.calls.MemoryCallRecordRepository;
import org.atalaya.core.kpi.KpiReports;
import org.atalaya.core.routing.MemoryAgentActivityRepository;
import org.atalaya.core.sla.SlaResult.State;
import org.atalaya.core.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SLA periods at the calendar's edges: a day runs from local midnight to local midnight (23 h and
 * 25 h on Madrid's 2027 clock changes, always 24 h in Bogota), across month and year ends and 29
 * February 2028; the quarter hours and hours of the nights the clocks change; and when the monitor
 * judges a day, at the tick after local midnight. Clocks are fixed or moved by hand.
 */
class SlaCalendarEdgesTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  private final MemoryCallRecordRepository calls = new MemoryCallRecordRepository();

  private static Instant local(String dateTime, ZoneId zone) {
    return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
  }

  private static SlaDefinition def(SlaMetric metric, SlaComparator cmp, double target, SlaPeriod period, ZoneId zone) {
    return new SlaDefinition("d", "d", metric, cmp, target, metric == SlaMetric.SERVICE_LEVEL ? 20 : null, null, period,
        zone, 1);
  }

  /** A call abandoned after 40 s (well over the 5 s of a short abandon). */
  private void abandoned(String id, Instant at) {
    calls.insert(new CallRecord(id, "t1", "s-" + id, "+3460000" + id, "", "900", "sales", null, at, null,
        at.plusSeconds(40), Disposition.ABANDONED, "customer", null));
  }

  private SlaEvaluator evaluator(Clock clock) {
    return new SlaEvaluator(new KpiReports(calls, new MemoryAgentActivityRepository(), clock));
  }

  @ParameterizedTest(name = "{0} {1}: {2} h")
  @CsvSource({
      "Europe/Madrid, 2027-03-28, 23",
      "Europe/Madrid, 2027-10-31, 25",
      "Europe/Madrid, 2027-04-30, 24",
      "Europe/Madrid, 2027-12-31, 24",
      "Europe/Madrid, 2028-02-29, 24",
      "America/Bogota, 2027-03-28, 24",
      "America/Bogota, 2027-10-31, 24",
      "America/Bogota, 2028-02-29, 24",
      "UTC, 2027-01-31, 24",
      "UTC, 2028-02-29, 24"})
  void aDayRunsFromLocalMidnightToLocalMidnight(ZoneId zone, LocalDate day, int hours) {
    Instant midnight = day.atStartOfDay(zone).toInstant();
    Instant next = day.plusDays(1).atStartOfDay(zone).toInstant();

    assertThat(SlaPeriod.DAY.start(midnight, zone)).isEqualTo(midnight);
    assertThat(SlaPeriod.DAY.start(next.minusNanos(1), zone)).as("the day's last instant").isEqualTo(midnight);
    assertThat(SlaPeriod.DAY.start(next, zone)).as("local midnight starts the next day").isEqualTo(next);
    assertThat(SlaPeriod.DAY.end(midnight, zone)).isEqualTo(next);
    assertThat(Duration.between(midnight, SlaPeriod.DAY.end(midnight, zone))).isEqualTo(Duration.ofHours(hours));
    assertThat(SlaPeriod.DAY.previous(next, zone)).isEqualTo(midnight);
  }

  @ParameterizedTest(name = "{0} {1}: {2} periods")
  @CsvSource({
      "HOUR, Europe/Madrid, 2027-03-28, 23",
      "HOUR, Europe/Madrid, 2027-10-31, 25",
      "HOUR, America/Bogota, 2027-03-28, 24",
      "HOUR, America/Bogota, 2027-10-31, 24",
      "MIN_15, Europe/Madrid, 2027-03-28, 92",
      "MIN_15, Europe/Madrid, 2027-10-31, 100",
      "MIN_15, America/Bogota, 2027-10-31, 96",
      "MIN_30, Europe/Madrid, 2027-10-31, 50",
      "MIN_30, UTC, 2028-02-29, 48"})
  void periodsFollowOneAnotherWithoutGapOrOverlapThroughALocalDay(SlaPeriod period, ZoneId zone, LocalDate day,
      int count) {
    Instant start = day.atStartOfDay(zone).toInstant();
    Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
    int n = 0;
    for (Instant p = start; p.isBefore(dayEnd); p = period.end(p, zone)) {
      assertThat(period.start(p, zone)).as("a period starts where the one before ended").isEqualTo(p);
      assertThat(period.start(period.end(p, zone).minusNanos(1), zone)).as("its last instant is its own").isEqualTo(p);
      n++;
    }
    assertThat(n).isEqualTo(count);
  }

  @Test
  void theQuarterHoursOfTheNightsTheClocksChangeInMadrid() {
    // 28 March 2027: 01:59:59 CET (00:59:59 UTC) is followed by 03:00 CEST; there is no 02:xx.
    assertThat(SlaPeriod.MIN_15.start(Instant.parse("2027-03-28T00:59:59Z"), MADRID))
        .isEqualTo(Instant.parse("2027-03-28T00:45:00Z"));
    assertThat(SlaPeriod.MIN_15.end(Instant.parse("2027-03-28T00:45:00Z"), MADRID))
        .as("01:45 CET to 03:00 CEST is 15 minutes").isEqualTo(Instant.parse("2027-03-28T01:00:00Z"));
    assertThat(SlaPeriod.MIN_15.previous(Instant.parse("2027-03-28T01:00:00Z"), MADRID))
        .isEqualTo(Instant.parse("2027-03-28T00:45:00Z"));
    assertThat(SlaPeriod.HOUR.previous(Instant.parse("2027-03-28T01:00:00Z"), MADRID)).as("03:00 CEST follows 01:00 CET")
        .isEqualTo(Instant.parse("2027-03-28T00:00:00Z"));
    // 31 October 2027: 02:00-03:00 comes twice, 00:00-01:00 UTC in summer time and 01:00-02:00 UTC in winter time.
    assertThat(SlaPeriod.MIN_15.start(Instant.parse("2027-10-31T00:59:59Z"), MADRID)).as("02:45 CEST")
        .isEqualTo(Instant.parse("2027-10-31T00:45:00Z"));
    assertThat(SlaPeriod.MIN_15.start(Instant.parse("2027-10-31T01:10:00Z"), MADRID)).as("02:00 CET, not 02:00 CEST")
        .isEqualTo(Instant.parse("2027-10-31T01:00:00Z"));
    assertThat(SlaPeriod.HOUR.previous(Instant.parse("2027-10-31T02:00:00Z"), MADRID)).as("the second 02:00")
        .isEqualTo(Instant.parse("2027-10-31T01:00:00Z"));
  }

  @ParameterizedTest(name = "{0} {1} at {3}")
  @CsvSource({
      // The tick at local midnight closes the day; a second earlier the day before is the last closed one.
      "ABANDON_RATE, DAY, Europe/Madrid, 2027-03-28T22:00:00Z, 2027-03-27T23:00:00Z",
      "ABANDON_RATE, DAY, Europe/Madrid, 2027-03-28T21:59:59Z, 2027-03-26T23:00:00Z",
      "ABANDON_RATE, DAY, Europe/Madrid, 2027-10-31T23:00:00Z, 2027-10-30T22:00:00Z",
      "ABANDON_RATE, DAY, Europe/Madrid, 2027-10-31T22:59:59Z, 2027-10-29T22:00:00Z",
      "ABANDON_RATE, DAY, Europe/Madrid, 2027-12-31T23:00:00Z, 2027-12-30T23:00:00Z",
      "ABANDON_RATE, DAY, Europe/Madrid, 2028-02-29T23:00:00Z, 2028-02-28T23:00:00Z",
      "ABANDON_RATE, DAY, America/Bogota, 2027-03-29T05:00:00Z, 2027-03-28T05:00:00Z",
      "ABANDON_RATE, DAY, America/Bogota, 2027-03-29T04:59:59Z, 2027-03-27T05:00:00Z",
      "ABANDON_RATE, DAY, America/Bogota, 2027-05-01T05:00:00Z, 2027-04-30T05:00:00Z",
      "ABANDON_RATE, DAY, UTC, 2028-03-01T00:00:00Z, 2028-02-29T00:00:00Z",
      "ABANDON_RATE, HOUR, Europe/Madrid, 2027-03-28T01:00:00Z, 2027-03-28T00:00:00Z",
      "ABANDON_RATE, HOUR, Europe/Madrid, 2027-10-31T02:00:00Z, 2027-10-31T01:00:00Z",
      // FCR waits its 72 h: Madrid's 23-hour 28 March (to 22:00 UTC) is final 72 elapsed hours later.
      "FCR, DAY, Europe/Madrid, 2027-03-31T22:00:00Z, 2027-03-27T23:00:00Z",
      "FCR, DAY, Europe/Madrid, 2027-03-31T21:59:59Z, 2027-03-26T23:00:00Z",
      "FCR, DAY, Europe/Madrid, 2027-11-03T23:00:00Z, 2027-10-30T22:00:00Z",
      "FCR, DAY, Europe/Madrid, 2027-11-03T22:59:59Z, 2027-10-29T22:00:00Z",
      "FCR, DAY, America/Bogota, 2028-03-04T05:00:00Z, 2028-02-29T05:00:00Z"})
  void theLastFinalPeriodChangesAtLocalMidnight(SlaMetric metric, SlaPeriod period, ZoneId zone, Instant now,
      Instant expected) {
    SlaEvaluator eval = evaluator(Clock.fixed(now, ZoneOffset.UTC));
    assertThat(eval.lastFinalPeriod(def(metric, AT_LEAST, 50, period, zone), now)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "Europe/Madrid, 2027-03-28",
      "Europe/Madrid, 2027-10-31",
      "Europe/Madrid, 2027-12-31",
      "Europe/Madrid, 2028-02-29",
      "America/Bogota, 2027-03-28",
      "America/Bogota, 2027-04-30",
      "America/Bogota, 2028-02-29",
      "UTC, 2027-12-31",
      "UTC, 2028-02-29"})
  void aClosedDayHasTheCallsFromItsMidnightToOneSecondBeforeTheNext(ZoneId zone, LocalDate day) {
    abandoned("before", day.minusDays(1).atTime(23, 59, 59).atZone(zone).toInstant());
    abandoned("first", day.atStartOfDay(zone).toInstant());
    abandoned("night", day.atTime(2, 30).atZone(zone).toInstant());
    abandoned("last", day.atTime(23, 59, 59).atZone(zone).toInstant());
    abandoned("after", day.plusDays(1).atStartOfDay(zone).toInstant());
    SlaEvaluator eval = evaluator(Clock.fixed(local("2029-01-01T00:00", zone), ZoneOffset.UTC));

    SlaResult r = eval.closed("t1", def(SlaMetric.ABANDON_RATE, AT_MOST, 5, SlaPeriod.DAY, zone),
        day.atStartOfDay(zone).toInstant());

    assertThat(r.calls()).as("00:00:00, 02:30 and 23:59:59 local").isEqualTo(3);
    assertThat(r.periodEnd()).isEqualTo(day.plusDays(1).atStartOfDay(zone).toInstant());
    assertThat(r.state()).isEqualTo(State.BREACHED);
  }

  @Test
  void bothHalfPastTwosOfTheFallBackNightAreInTheirDayAndInTwoHours() {
    abandoned("summer", Instant.parse("2027-10-31T00:30:00Z"));
    abandoned("winter", Instant.parse("2027-10-31T01:30:00Z"));
    SlaEvaluator eval = evaluator(Clock.fixed(Instant.parse("2027-11-02T00:00:00Z"), ZoneOffset.UTC));

    SlaResult day = eval.closed("t1", def(SlaMetric.ABANDON_RATE, AT_MOST, 5, SlaPeriod.DAY, MADRID),
        Instant.parse("2027-10-30T22:00:00Z"));
    SlaResult summer = eval.closed("t1", def(SlaMetric.ABANDON_RATE, AT_MOST, 5, SlaPeriod.HOUR, MADRID),
        Instant.parse("2027-10-31T00:00:00Z"));
    SlaResult winter = eval.closed("t1", def(SlaMetric.ABANDON_RATE, AT_MOST, 5, SlaPeriod.HOUR, MADRID),
        Instant.parse("2027-10-31T01:00:00Z"));

    assertThat(day.calls()).isEqualTo(2);
    assertThat(summer.calls()).isEqualTo(1);
    assertThat(winter.calls()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} {1}: {2} h")
  @CsvSource({
      "Europe/Madrid, 2027-03-28, 23",
      "Europe/Madrid, 2027-10-31, 25",
      "Europe/Madrid, 2027-12-31, 24",
      "Europe/Madrid, 2028-02-29, 24",
      "America/Bogota, 2027-03-28, 24",
      "America/Bogota, 2027-10-31, 24"})
  void theMonitorWarnsBeforeLocalMidnightAndJudgesTheDayAtTheFirstTickAfter(ZoneId zone, LocalDate day, int hours) {
    MemorySlaRepository repo = new MemorySlaRepository();
    Instant midnight = day.atStartOfDay(zone).toInstant();
    Instant next = day.plusDays(1).atStartOfDay(zone).toInstant();
    repo.saveDefinition("t1", def(SlaMetric.ABANDON_RATE, AT_MOST, 5, SlaPeriod.DAY, zone), "admin", midnight);
    abandoned("late", day.atTime(23, 50).atZone(zone).toInstant());
    ManualClock clock = new ManualClock(next.minusSeconds(5));
    List<SlaAlert> alerts = new CopyOnWriteArrayList<>();
    SlaMonitor monitor = new SlaMonitor(repo, evaluator(clock), clock).onAlert(alerts::add);

    monitor.tick();
    assertThat(alerts).as("23:59:55 local: the day is in progress").singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(SlaAlert.Kind.AT_RISK);
      assertThat(a.periodStart()).isEqualTo(midnight);
      assertThat(a.periodEnd()).isEqualTo(next);
    });

    clock.set(next.plusSeconds(5));
    monitor.tick();
    clock.set(next.plusSeconds(65));
    monitor.tick();
    assertThat(alerts).as("judged once, at 00:00:05 local").hasSize(2);
    SlaAlert breach = alerts.get(1);
    assertThat(breach.kind()).isEqualTo(SlaAlert.Kind.BREACH);
    assertThat(breach.periodStart()).isEqualTo(midnight);
    assertThat(breach.periodEnd()).isEqualTo(next);
    assertThat(Duration.between(breach.periodStart(), breach.periodEnd())).isEqualTo(Duration.ofHours(hours));
    assertThat(breach.calls()).isEqualTo(1);
    assertThat(repo.breaches).containsExactly(breach);
  }
}

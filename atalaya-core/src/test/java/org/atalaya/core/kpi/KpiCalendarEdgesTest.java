package org.atalaya.core.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.calls.Disposition;
import org.atalaya.core.calls.MemoryCallRecordRepository;
import org.atalaya.core.routing.AgentActivity;
import org.atalaya.core.routing.AgentState;
import org.atalaya.core.routing.MemoryAgentActivityRepository;
import org.atalaya.core.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where a call counts, and how long a day or an FCR window is, at the calendar's edges: midnight
 * in UTC and in a tenant's zone, month and year ends, 29 February 2028, and the 2027 clock changes
 * of Europe/Madrid (28 March: 23 h; 31 October: 25 h) next to America/Bogota, which has none.
 * The clock is fixed and moved by hand; nothing reads the wall clock.
 */
class KpiCalendarEdgesTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");
  /** Every FCR window of the fixtures has closed by then. */
  private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");
  private static final KpiRules FCR_24H = new KpiRules(Duration.ofSeconds(20), Duration.ofSeconds(5),
      Duration.ofHours(24));

  private final MemoryCallRecordRepository calls = new MemoryCallRecordRepository();
  private final MemoryAgentActivityRepository activity = new MemoryAgentActivityRepository();
  private final ManualClock clock = new ManualClock(LATER);
  private final KpiReports reports = new KpiReports(calls, activity, clock);

  /** A wall-clock time in {@code zone}; in a repeated hour, the earlier (summer) one. */
  private static Instant local(String dateTime, ZoneId zone) {
    return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
  }

  /** A call offered at {@code offered}, answered 10 s later, ended at {@code ended}. */
  private void answered(String id, String caller, Instant offered, Instant ended) {
    calls.insert(new CallRecord(id, "t1", "sip-" + id, caller, "", "900", "sales", "1001", offered,
        offered.plusSeconds(10), ended, Disposition.ANSWERED, "customer", null, null, offered, 0));
  }

  private void answered(String id, String caller, Instant offered) {
    answered(id, caller, offered, offered.plusSeconds(60));
  }

  /** Rows per day of {@code zone}, {@code first} to {@code last} inclusive, as the API asks for dates. */
  private Map<String, KpiFigures> byDay(ZoneId zone, LocalDate first, LocalDate last, KpiRules rules) {
    return reports.report("t1", first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant(),
        KpiReports.Split.DAY, Duration.ofHours(1), rules, zone);
  }

  static Stream<Arguments> zonesAndLastDays() {
    List<String> days = List.of("2027-01-31", "2027-03-27", "2027-03-28", "2027-04-30", "2027-10-30", "2027-10-31",
        "2027-12-31", "2028-02-28", "2028-02-29");
    return Stream.of(ZoneOffset.UTC, MADRID, BOGOTA)
        .flatMap(zone -> days.stream().map(day -> Arguments.of(zone, LocalDate.parse(day))));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("zonesAndLastDays")
  void aCallAtOneSecondToMidnightCountsOnItsDayAndOneAtMidnightOnTheNext(ZoneId zone, LocalDate day) {
    // In Madrid local midnight is 22:00 or 23:00 UTC the day before; in Bogota 05:00 UTC the same day:
    // a day taken in UTC puts one of these two calls on the wrong day.
    answered("late", "+34600000001", day.atTime(23, 59, 59).atZone(zone).toInstant());
    answered("early", "+34600000002", day.plusDays(1).atStartOfDay(zone).toInstant());

    Map<String, KpiFigures> days = byDay(zone, day, day.plusDays(1), KpiRules.DEFAULT);

    assertThat(days.keySet()).containsExactly(day.toString(), day.plusDays(1).toString());
    assertThat(days.get(day.toString()).offered()).as("23:59:59 local").isEqualTo(1);
    assertThat(days.get(day.plusDays(1).toString()).offered()).as("00:00:00 local").isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} {1}: {2} h")
  @CsvSource({
      "Europe/Madrid, 2027-03-28, 23",
      "Europe/Madrid, 2027-10-31, 25",
      "Europe/Madrid, 2028-02-29, 24",
      "America/Bogota, 2027-03-28, 24",
      "America/Bogota, 2027-10-31, 24",
      "UTC, 2027-03-28, 24",
      "UTC, 2027-10-31, 24"})
  void aDayOfTheDaySplitIsAsLongAsTheTenantsWallClockMakesIt(ZoneId zone, LocalDate day, int hours) {
    // 1001 is on a call without a break from the day before to the day after; 1002 is available for
    // one hour on the day. The day's occupancy is hours / (hours + 1): it measures the day's length.
    Instant from = day.minusDays(1).atStartOfDay(zone).toInstant();
    Instant to = day.plusDays(2).atStartOfDay(zone).toInstant();
    activity.append(new AgentActivity("t1", "1001", AgentState.ON_CALL, from, to, null, "long"));
    Instant noon = day.atTime(12, 0).atZone(zone).toInstant();
    activity.append(new AgentActivity("t1", "1002", AgentState.AVAILABLE, noon, noon.plusSeconds(3600), null, null));

    Map<String, KpiFigures> days = byDay(zone, day.minusDays(1), day.plusDays(1), KpiRules.DEFAULT);

    assertThat(days.keySet()).hasSize(3);
    assertThat(days.get(day.toString()).occupancyPercent()).isCloseTo(100.0 * hours / (hours + 1), within(1e-9));
    assertThat(days.get(day.minusDays(1).toString()).occupancyPercent()).as("the day before, all on a call")
        .isEqualTo(100.0);
    assertThat(days.get(day.plusDays(1).toString()).occupancyPercent()).as("the day after, all on a call")
        .isEqualTo(100.0);
  }

  @ParameterizedTest(name = "{0} {1}: {2} hourly intervals")
  @CsvSource({
      "Europe/Madrid, 2027-03-28, 23",
      "Europe/Madrid, 2027-10-31, 25",
      "America/Bogota, 2027-03-28, 24",
      "America/Bogota, 2027-10-31, 24",
      "UTC, 2028-02-29, 24"})
  void aLocalDayHasAsManyHourlyIntervalsAsItHasHours(ZoneId zone, LocalDate day, int hours) {
    Instant from = day.atStartOfDay(zone).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
    answered("last", "+34600000001", to.minusSeconds(1));

    Map<String, KpiFigures> rows = reports.report("t1", from, to, KpiReports.Split.INTERVAL, Duration.ofHours(1),
        KpiRules.DEFAULT, zone);

    assertThat(rows).hasSize(hours);
    assertThat(rows.keySet()).first().isEqualTo(from.toString());
    assertThat(rows.keySet()).last().as("the last hour starts an hour before local midnight")
        .isEqualTo(to.minusSeconds(3600).toString());
    assertThat(rows.get(to.minusSeconds(3600).toString()).offered()).as("23:59:59 local").isEqualTo(1);
  }

  @Test
  void theRepeatedHourOfTheFallBackNightIsTwoIntervalsAndOneDay() {
    // 02:30 happens twice in Madrid on 31 October 2027: 00:30 UTC (summer time) and 01:30 UTC (winter time).
    answered("summer", "+34600000001", Instant.parse("2027-10-31T00:30:00Z"));
    answered("winter", "+34600000002", Instant.parse("2027-10-31T01:30:00Z"));

    Map<String, KpiFigures> hours = reports.report("t1", local("2027-10-31T00:00", MADRID),
        local("2027-11-01T00:00", MADRID), KpiReports.Split.INTERVAL, Duration.ofHours(1), KpiRules.DEFAULT, MADRID);
    assertThat(hours.get("2027-10-31T00:00:00Z").offered()).as("02:00-03:00 CEST").isEqualTo(1);
    assertThat(hours.get("2027-10-31T01:00:00Z").offered()).as("02:00-03:00 CET").isEqualTo(1);
    assertThat(byDay(MADRID, LocalDate.parse("2027-10-31"), LocalDate.parse("2027-10-31"), KpiRules.DEFAULT)
        .get("2027-10-31").offered()).isEqualTo(2);
  }

  @Test
  void dailyIntervalsInUtcCrossMonthEndsAndTheLeapDay() {
    answered("a", "+34600000001", Instant.parse("2028-02-28T23:59:59Z"));
    answered("b", "+34600000002", Instant.parse("2028-02-29T00:00:00Z"));
    answered("c", "+34600000003", Instant.parse("2028-02-29T23:59:59Z"));
    answered("d", "+34600000004", Instant.parse("2028-03-01T00:00:00Z"));

    Map<String, KpiFigures> rows = reports.report("t1", Instant.parse("2028-02-27T00:00:00Z"),
        Instant.parse("2028-03-02T00:00:00Z"), KpiReports.Split.INTERVAL, Duration.ofDays(1), KpiRules.DEFAULT);

    assertThat(rows.keySet()).containsExactly("2028-02-27T00:00:00Z", "2028-02-28T00:00:00Z", "2028-02-29T00:00:00Z",
        "2028-03-01T00:00:00Z");
    assertThat(rows.values()).extracting(KpiFigures::offered).containsExactly(0, 1, 2, 1);
  }

  @Test
  void everyDayOfThePeriodIsARowAcrossMonthAndYearEnds() {
    assertThat(byDay(MADRID, LocalDate.parse("2027-04-29"), LocalDate.parse("2027-05-01"), KpiRules.DEFAULT).keySet())
        .containsExactly("2027-04-29", "2027-04-30", "2027-05-01");
    assertThat(byDay(BOGOTA, LocalDate.parse("2027-12-30"), LocalDate.parse("2028-01-02"), KpiRules.DEFAULT).keySet())
        .containsExactly("2027-12-30", "2027-12-31", "2028-01-01", "2028-01-02");
    assertThat(byDay(MADRID, LocalDate.parse("2028-02-27"), LocalDate.parse("2028-03-01"), KpiRules.DEFAULT).keySet())
        .containsExactly("2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01");
    assertThat(byDay(MADRID, LocalDate.parse("2029-02-27"), LocalDate.parse("2029-03-01"), KpiRules.DEFAULT).keySet())
        .as("a year later there is no 29 February").containsExactly("2029-02-27", "2029-02-28", "2029-03-01");
  }

  @ParameterizedTest(name = "{0} {1} to {2}")
  @CsvSource({
      // A quarter is at most 92 days; the fourth crosses Madrid's fall-back night, so it is 92 days and an hour.
      "Europe/Madrid, 2027-10-01, 2027-12-31",
      "Europe/Madrid, 2027-07-01, 2027-09-30",
      "America/Bogota, 2027-10-01, 2027-12-31",
      "UTC, 2027-10-01, 2027-12-31",
      // 31 + 29 + 31 + 1: the leap day makes 92.
      "UTC, 2028-01-01, 2028-04-01",
      "Europe/Madrid, 2028-01-01, 2028-04-01"})
  void ninetyTwoCalendarDaysInTheTenantsZoneAreAllowed(ZoneId zone, LocalDate first, LocalDate last) {
    answered("x", "+34600000001", first.atTime(12, 0).atZone(zone).toInstant());
    assertThat(byDay(zone, first, last, KpiRules.DEFAULT)).hasSize(92)
        .containsKey(first.toString()).containsKey(last.toString());
  }

  @ParameterizedTest(name = "{0} {1} to {2}")
  @CsvSource({
      "Europe/Madrid, 2027-10-01, 2028-01-01",
      "Europe/Madrid, 2028-01-01, 2028-04-02",
      "America/Bogota, 2027-10-01, 2028-01-01",
      "UTC, 2028-01-01, 2028-04-02"})
  void ninetyThreeCalendarDaysAreRefused(ZoneId zone, LocalDate first, LocalDate last) {
    assertThatThrownBy(() -> byDay(zone, first, last, KpiRules.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("92 days");
  }

  @Test
  void aDaysReportSeesARepeatCallAfterTheWindowOfItsLastCallNotOfItsEnd() {
    // 23:59 on Madrid's short day; the call runs past midnight, to 00:05 on the 29th. The caller
    // calls again 23 h 58 min after it ended: within 24 h, so the first call was not resolved,
    // though the repeat comes more than 24 h after the reported day ends.
    Instant end = local("2027-03-29T00:05", MADRID);
    answered("first", "+34600000001", local("2027-03-28T23:59", MADRID), end);
    answered("again", "+34600000001", end.plus(Duration.ofHours(23).plusMinutes(58)));

    KpiFigures day = byDay(MADRID, LocalDate.parse("2027-03-28"), LocalDate.parse("2027-03-28"), FCR_24H)
        .get("2027-03-28");

    assertThat(day.offered()).isEqualTo(1);
    assertThat(day.fcrCounted()).isEqualTo(1);
    assertThat(day.fcrResolved()).as("called again within 24 h of the end").isZero();
  }

  @Test
  void aRepeatExactlyAtTheEndOfTheWindowCountsOneASecondLaterDoesNot() {
    // Both calls end exactly at Bogota's midnight, the report's end: each window ends 24 h later.
    Instant midnight = local("2028-03-01T00:00", BOGOTA);
    answered("a", "+57300000001", midnight.minusSeconds(120), midnight);
    answered("b", "+57300000002", midnight.minusSeconds(90), midnight);
    answered("a-again", "+57300000001", midnight.plus(Duration.ofHours(24)));
    answered("b-again", "+57300000002", midnight.plus(Duration.ofHours(24)).plusSeconds(1));

    KpiFigures leapDay = byDay(BOGOTA, LocalDate.parse("2028-02-29"), LocalDate.parse("2028-02-29"), FCR_24H)
        .get("2028-02-29");

    assertThat(leapDay.fcrCounted()).isEqualTo(2);
    assertThat(leapDay.fcrResolved()).as("only b: a's caller called back on the window's last instant").isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}: ended {1}, again {2}")
  @CsvSource({
      // Madrid springs forward: 12:00 to 12:30 the next day on the wall clock is 23 h 30 min.
      "Europe/Madrid, 2027-03-27T12:00, 2027-03-28T12:30, 0",
      // Bogota: the same wall-clock times are 24 h 30 min apart.
      "America/Bogota, 2027-03-27T12:00, 2027-03-28T12:30, 1",
      // Madrid falls back: 12:00 to 11:30 the next day looks like less than a day but is 24 h 30 min.
      "Europe/Madrid, 2027-10-30T12:00, 2027-10-31T11:30, 1",
      "America/Bogota, 2027-10-30T12:00, 2027-10-31T11:30, 0"})
  void theFcrWindowIsElapsedHoursNotTheWallClock(ZoneId zone, String ended, String again, int resolved) {
    Instant end = local(ended, zone);
    answered("first", "+34600000001", end.minusSeconds(120), end);
    answered("again", "+34600000001", local(again, zone));

    KpiFigures total = reports.report("t1", end.minusSeconds(3600), end.plusSeconds(3600), KpiReports.Split.TOTAL,
        Duration.ofHours(1), FCR_24H, zone).get("total");

    assertThat(total.fcrCounted()).isEqualTo(1);
    assertThat(total.fcrResolved()).isEqualTo(resolved);
  }

  @Test
  void aSeventyTwoHourWindowCountsTheLeapDay() {
    // Ended 27 February 2028 at noon UTC: 72 h run through 28 and 29 February to 1 March at noon.
    Instant end = Instant.parse("2028-02-27T12:00:00Z");
    answered("a", "+34600000001", end.minusSeconds(120), end);
    answered("a-again", "+34600000001", Instant.parse("2028-03-01T12:00:00Z"));
    answered("b", "+34600000002", end.minusSeconds(120), end);
    answered("b-again", "+34600000002", Instant.parse("2028-03-01T12:00:01Z"));

    KpiFigures total = reports.report("t1", end.minusSeconds(3600), end.plusSeconds(3600), KpiReports.Split.TOTAL,
        Duration.ofHours(1), KpiRules.DEFAULT).get("total");

    assertThat(total.fcrCounted()).isEqualTo(2);
    assertThat(total.fcrResolved()).as("b only: a called again on the window's last instant").isEqualTo(1);
  }

  @Test
  void aCallCountsForFcrFromTheInstantItsWindowCloses() {
    // Ends at 23:59:59 on New Year's Eve in Madrid; its 24 h window closes at 23:59:59 on 1 January.
    Instant end = local("2027-12-31T23:59:59", MADRID);
    answered("a", "+34600000001", end.minusSeconds(120), end);
    Instant closes = end.plus(Duration.ofHours(24));

    clock.set(closes.minusMillis(1));
    KpiFigures open = byDay(MADRID, LocalDate.parse("2027-12-31"), LocalDate.parse("2027-12-31"), FCR_24H)
        .get("2027-12-31");
    clock.set(closes);
    KpiFigures closed = byDay(MADRID, LocalDate.parse("2027-12-31"), LocalDate.parse("2027-12-31"), FCR_24H)
        .get("2027-12-31");

    assertThat(open.offered()).isEqualTo(1);
    assertThat(open.fcrCounted()).as("a millisecond before the window closes").isZero();
    assertThat(closed.fcrCounted()).isEqualTo(1);
    assertThat(closed.fcrResolved()).isEqualTo(1);
  }
}

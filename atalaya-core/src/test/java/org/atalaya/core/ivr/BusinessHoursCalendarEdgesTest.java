package org.atalaya.core.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.atalaya.core.ivr.BusinessHours.Range;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Open or closed at the calendar's edges, in the tenant's zone: local midnight, month and year
 * ends, 29 February 2028, and the 2027 clock changes of Europe/Madrid (28 March loses 02:00-03:00,
 * 31 October has it twice) next to America/Bogota, which has none. Every instant is fixed.
 */
class BusinessHoursCalendarEdgesTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");

  /** The same ranges every day of the week. */
  private static BusinessHours everyDay(ZoneId zone, List<Range> ranges, Set<LocalDate> holidays) {
    Map<DayOfWeek, List<Range>> week = Arrays.stream(DayOfWeek.values())
        .collect(Collectors.toMap(Function.identity(), d -> ranges));
    return new BusinessHours(zone, week, holidays);
  }

  private static Instant at(LocalDate day, String time, ZoneId zone) {
    return day.atTime(LocalTime.parse(time)).atZone(zone).toInstant();
  }

  static Stream<Arguments> zonesAndEvenings() {
    List<String> days = List.of("2027-01-31", "2027-03-27", "2027-03-28", "2027-04-30", "2027-10-30", "2027-10-31",
        "2027-12-31", "2028-02-28", "2028-02-29");
    return Stream.of(ZoneOffset.UTC, MADRID, BOGOTA)
        .flatMap(zone -> days.stream().map(day -> Arguments.of(zone, LocalDate.parse(day))));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("zonesAndEvenings")
  void closedAtOneSecondToLocalMidnightOpenAtMidnightWhenOnlyTheNextDayOpensThen(ZoneId zone, LocalDate day) {
    // The evening shift of {day} ends at 23:00; {day + 1} opens at midnight. Local midnight is
    // 22:00 or 23:00 UTC in Madrid and 05:00 UTC in Bogota: read in UTC, one of these flips.
    LocalDate next = day.plusDays(1);
    BusinessHours hours = new BusinessHours(zone, Map.of(
        day.getDayOfWeek(), List.of(Range.parse("20:00-23:00")),
        next.getDayOfWeek(), List.of(Range.parse("00:00-06:00"))), Set.of());

    assertThat(hours.isOpen(at(day, "22:59:59", zone))).as("22:59:59").isTrue();
    assertThat(hours.isOpen(at(day, "23:00", zone))).as("23:00, the range's end").isFalse();
    assertThat(hours.isOpen(at(day, "23:59:59", zone))).as("23:59:59").isFalse();
    assertThat(hours.isOpen(at(next, "00:00", zone))).as("00:00 of the next day").isTrue();
    assertThat(hours.isOpen(at(next, "05:59:59", zone))).isTrue();
    assertThat(hours.isOpen(at(next, "06:00", zone))).isFalse();
  }

  @ParameterizedTest(name = "{0} {1} {2}: open {3} min")
  @CsvSource({
      // 01:00-02:00 CET, then 03:00-04:00 CEST: two real hours.
      "Europe/Madrid, 2027-03-28, 01:00-04:00, 120",
      // 01:00-02:00, 02:00-03:00 twice, 03:00-04:00: four real hours.
      "Europe/Madrid, 2027-10-31, 01:00-04:00, 240",
      "Europe/Madrid, 2027-03-28, 02:00-03:00, 0",
      "Europe/Madrid, 2027-10-31, 02:00-03:00, 120",
      "Europe/Madrid, 2027-03-28, 00:00-23:00, 1320",
      "Europe/Madrid, 2027-10-31, 00:00-23:00, 1440",
      "Europe/Madrid, 2027-03-21, 01:00-04:00, 180",
      "Europe/Madrid, 2028-02-29, 09:00-18:00, 540",
      "America/Bogota, 2027-03-28, 01:00-04:00, 180",
      "America/Bogota, 2027-10-31, 01:00-04:00, 180",
      "America/Bogota, 2027-10-31, 00:00-23:00, 1380",
      "UTC, 2027-10-31, 01:00-04:00, 180"})
  void aRangeIsOpenForTheRealTimeTheWallClockSpendsInIt(ZoneId zone, LocalDate day, String range, int minutes) {
    BusinessHours hours = everyDay(zone, List.of(Range.parse(range)), Set.of());
    Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
    int open = 0;
    for (Instant t = day.atStartOfDay(zone).toInstant(); t.isBefore(end); t = t.plusSeconds(60)) {
      open += hours.isOpen(t) ? 1 : 0;
    }
    assertThat(open).isEqualTo(minutes);
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({
      // 09:00-18:00 on weekdays. Friday 29 October 2027 is summer time in Madrid, Monday 1 November winter time.
      "Europe/Madrid, 2027-10-29T15:59:59Z, true",
      "Europe/Madrid, 2027-10-29T16:00:00Z, false",
      "Europe/Madrid, 2027-11-01T16:30:00Z, true",
      "Europe/Madrid, 2027-11-01T17:00:00Z, false",
      "Europe/Madrid, 2027-03-26T07:59:59Z, false",
      "Europe/Madrid, 2027-03-26T08:00:00Z, true",
      "Europe/Madrid, 2027-03-29T07:00:00Z, true",
      "Europe/Madrid, 2027-03-29T06:59:59Z, false",
      // Bogota opens at 14:00 UTC and closes at 23:00 UTC the whole year.
      "America/Bogota, 2027-10-29T22:59:59Z, true",
      "America/Bogota, 2027-10-29T23:00:00Z, false",
      "America/Bogota, 2027-11-01T22:59:59Z, true",
      "America/Bogota, 2027-11-01T23:00:00Z, false",
      "America/Bogota, 2027-03-29T13:59:59Z, false",
      "America/Bogota, 2027-03-29T14:00:00Z, true",
      // 30 April 2027 is a Friday, 1 May a Saturday; 29 February 2028 a Tuesday.
      "Europe/Madrid, 2027-04-30T15:59:59Z, true",
      "Europe/Madrid, 2027-05-01T08:00:00Z, false",
      "America/Bogota, 2028-02-29T22:59:59Z, true",
      "America/Bogota, 2028-03-01T04:59:59Z, false"})
  void weekdayHoursOnBothSidesOfTheClockChanges(ZoneId zone, Instant instant, boolean open) {
    List<Range> nineToSix = List.of(Range.parse("09:00-18:00"));
    BusinessHours hours = new BusinessHours(zone, Map.of(DayOfWeek.MONDAY, nineToSix, DayOfWeek.TUESDAY, nineToSix,
        DayOfWeek.WEDNESDAY, nineToSix, DayOfWeek.THURSDAY, nineToSix, DayOfWeek.FRIDAY, nineToSix), Set.of());
    assertThat(hours.isOpen(instant)).isEqualTo(open);
  }

  @ParameterizedTest(name = "{0} holiday {1}: closed {2} to {3}")
  @CsvSource({
      "Europe/Madrid, 2027-12-31, 2027-12-30T23:00:00Z, 2027-12-31T23:00:00Z, 24",
      "Europe/Madrid, 2028-02-29, 2028-02-28T23:00:00Z, 2028-02-29T23:00:00Z, 24",
      "Europe/Madrid, 2027-03-28, 2027-03-27T23:00:00Z, 2027-03-28T22:00:00Z, 23",
      "Europe/Madrid, 2027-10-31, 2027-10-30T22:00:00Z, 2027-10-31T23:00:00Z, 25",
      "America/Bogota, 2027-03-28, 2027-03-28T05:00:00Z, 2027-03-29T05:00:00Z, 24",
      "America/Bogota, 2027-10-31, 2027-10-31T05:00:00Z, 2027-11-01T05:00:00Z, 24",
      "America/Bogota, 2028-02-29, 2028-02-29T05:00:00Z, 2028-03-01T05:00:00Z, 24",
      "UTC, 2027-04-30, 2027-04-30T00:00:00Z, 2027-05-01T00:00:00Z, 24"})
  void aHolidayIsClosedFromLocalMidnightToLocalMidnight(ZoneId zone, LocalDate holiday, Instant closes, Instant opens,
      int hoursClosed) {
    BusinessHours hours = everyDay(zone, List.of(new Range(LocalTime.MIDNIGHT, LocalTime.MAX)), Set.of(holiday));

    assertThat(hours.isOpen(closes.minusSeconds(1))).as("23:59:59 the day before").isTrue();
    assertThat(hours.isOpen(closes)).as("00:00 of the holiday").isFalse();
    assertThat(hours.isOpen(opens.minusSeconds(1))).as("23:59:59 of the holiday").isFalse();
    assertThat(hours.isOpen(opens)).as("00:00 the day after").isTrue();
    assertThat(Duration.between(closes, opens)).isEqualTo(Duration.ofHours(hoursClosed));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Europe/Madrid", "America/Bogota"})
  void aHolidayOn29FebruaryIsThatDateOnlyNotADayAYearLater(ZoneId zone) {
    BusinessHours hours = everyDay(zone, List.of(Range.parse("09:00-18:00")), Set.of(LocalDate.parse("2028-02-29")));

    assertThat(hours.isOpen(at(LocalDate.parse("2028-02-29"), "12:00", zone))).isFalse();
    assertThat(hours.isOpen(at(LocalDate.parse("2028-02-28"), "12:00", zone))).isTrue();
    assertThat(hours.isOpen(at(LocalDate.parse("2028-03-01"), "12:00", zone))).isTrue();
    assertThat(hours.isOpen(at(LocalDate.parse("2029-02-28"), "12:00", zone))).isTrue();
    assertThat(hours.isOpen(at(LocalDate.parse("2029-03-01"), "12:00", zone))).isTrue();
  }
}

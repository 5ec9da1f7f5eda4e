package org.atalaya.core.ivr;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When a tenant's center is open, in its own time zone: opening ranges per weekday, and holidays
 * on which it stays closed all day. A range ends exclusively (09:00-14:00 is closed at 14:00).
 */
public record BusinessHours(ZoneId zone, Map<DayOfWeek, List<Range>> week, Set<LocalDate> holidays) {

  /** One opening range within a day. */
  public record Range(LocalTime opens, LocalTime closes) {
    public Range {
      if (!opens.isBefore(closes)) {
        throw new IllegalArgumentException("an opening range must open before it closes: " + opens + "-" + closes);
      }
    }

    /** Parses "09:00-14:00". */
    public static Range parse(String text) {
      String[] parts = text.strip().split("-");
      if (parts.length != 2) {
        throw new IllegalArgumentException("an opening range looks like 09:00-14:00, got '" + text + "'");
      }
      try {
        return new Range(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("an opening range looks like 09:00-14:00, got '" + text + "'");
      }
    }
  }

  /** Open around the clock: a tenant that set no hours. */
  public static final BusinessHours ALWAYS_OPEN = new BusinessHours(java.time.ZoneOffset.UTC,
      java.util.Arrays.stream(DayOfWeek.values()).collect(java.util.stream.Collectors.toMap(d -> d,
          d -> List.of(new Range(LocalTime.MIDNIGHT, LocalTime.MAX)))), Set.of());

  public BusinessHours {
    Objects.requireNonNull(zone, "zone");
    Map<DayOfWeek, List<Range>> copy = new EnumMap<>(DayOfWeek.class);
    week.forEach((day, ranges) -> copy.put(day, List.copyOf(ranges)));
    week = Map.copyOf(copy);
    holidays = Set.copyOf(holidays);
  }

  /** Whether the center is open at {@code instant}. */
  public boolean isOpen(Instant instant) {
    ZonedDateTime local = instant.atZone(zone);
    if (holidays.contains(local.toLocalDate())) {
      return false;
    }
    LocalTime time = local.toLocalTime();
    for (Range r : week.getOrDefault(local.getDayOfWeek(), List.of())) {
      if (!time.isBefore(r.opens()) && time.isBefore(r.closes())) {
        return true;
      }
    }
    return false;
  }
}

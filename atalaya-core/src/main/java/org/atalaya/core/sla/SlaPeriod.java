package org.atalaya.core.sla;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The length of the periods an SLA is judged over, on the tenant's wall clock: 09:00-09:15 in
 * Madrid, and a day from local midnight to midnight (23 or 25 hours when the clocks change).
 */
public enum SlaPeriod {
  MIN_15("15m", 15),
  MIN_30("30m", 30),
  HOUR("1h", 60),
  DAY("1d", 0);

  private final String wire;
  private final int minutes;

  SlaPeriod(String wire, int minutes) {
    this.wire = wire;
    this.minutes = minutes;
  }

  public String wire() {
    return wire;
  }

  /** The start of the period that contains {@code t}. */
  public Instant start(Instant t, ZoneId zone) {
    ZonedDateTime local = t.atZone(zone);
    if (this == DAY) {
      return local.toLocalDate().atStartOfDay(zone).toInstant();
    }
    // truncatedTo keeps the offset where it can, so the repeated hour of a fall-back night is two periods.
    ZonedDateTime hour = local.truncatedTo(ChronoUnit.HOURS);
    return hour.plusMinutes((long) (local.getMinute() / minutes) * minutes).toInstant();
  }

  /** The end of the period that starts at {@code start} (exclusive). */
  public Instant end(Instant start, ZoneId zone) {
    if (this == DAY) {
      return start.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    }
    return start.plus(minutes, ChronoUnit.MINUTES);
  }

  /** The start of the period before the one that starts at {@code start}. */
  public Instant previous(Instant start, ZoneId zone) {
    return start(start.minusNanos(1), zone);
  }

  public static SlaPeriod parse(String text) {
    for (SlaPeriod p : values()) {
      if (p.wire.equalsIgnoreCase(text)) {
        return p;
      }
    }
    throw new IllegalArgumentException("period: 15m, 30m, 1h or 1d, got '" + text + "'");
  }
}

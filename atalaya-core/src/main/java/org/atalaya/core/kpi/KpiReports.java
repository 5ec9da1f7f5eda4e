package org.atalaya.core.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.calls.CallRecordRepository;

/** A tenant's KPIs for a period from its stored calls, as a total or split by interval, queue or agent. */
public final class KpiReports {
  /** How a report splits its period. */
  public enum Split { TOTAL, INTERVAL, DAY, QUEUE, AGENT }

  /** A period longer than this is refused: a report loads the period's calls into memory. */
  public static final Duration MAX_PERIOD = Duration.ofDays(92);

  private final CallRecordRepository calls;
  private final Clock clock;

  public KpiReports(CallRecordRepository calls, Clock clock) {
    this.calls = Objects.requireNonNull(calls);
    this.clock = Objects.requireNonNull(clock);
  }

  /** As {@link #report(String, Instant, Instant, Split, Duration, KpiRules, ZoneId)} with days in UTC. */
  public Map<String, KpiFigures> report(String tenantId, Instant from, Instant to, Split split, Duration interval,
      KpiRules rules) {
    return report(tenantId, from, to, split, interval, rules, ZoneOffset.UTC);
  }

  /**
   * Rows keyed by "total", the interval's start (ISO instant), the day (2026-11-23 in {@code zone},
   * every day of the period, quiet ones too), the queue or the agent, in order. {@code interval} is
   * used for {@link Split#INTERVAL} only, {@code zone} for {@link Split#DAY} only.
   */
  public Map<String, KpiFigures> report(String tenantId, Instant from, Instant to, Split split, Duration interval,
      KpiRules rules, ZoneId zone) {
    if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
      throw new IllegalArgumentException("the period must start before it ends and last at most 92 days");
    }
    Instant now = clock.instant();
    // FCR looks at calls after the period too, up to one window after it (or now).
    Instant historyEnd = to.plus(rules.fcrWindow()).isBefore(now) ? to.plus(rules.fcrWindow()) : now;
    List<QueueCall> all = new ArrayList<>();
    List<QueueCall> inPeriod = new ArrayList<>();
    for (CallRecord r : calls.startedBetween(tenantId, from, historyEnd.isAfter(to) ? historyEnd : to)) {
      QueueCall c = QueueCall.from(r);
      if (c != null) {
        all.add(c);
        if (c.offeredAt().isBefore(to)) {
          inPeriod.add(c);
        }
      }
    }
    Kpis kpis = new Kpis(rules, CallerHistory.of(all), now);
    Map<String, KpiFigures> rows = new LinkedHashMap<>();
    switch (split) {
      case TOTAL -> rows.put("total", kpis.of(inPeriod));
      case INTERVAL -> kpis.byInterval(inPeriod, from, to, interval).forEach((start, f) -> rows.put(start.toString(), f));
      case DAY -> {
        for (LocalDate d = from.atZone(zone).toLocalDate(); d.atStartOfDay(zone).toInstant().isBefore(to);
            d = d.plusDays(1)) {
          rows.put(d.toString(), null);
        }
        rows.putAll(kpis.by(inPeriod, c -> c.offeredAt().atZone(zone).toLocalDate().toString()));
        rows.replaceAll((day, f) -> f != null ? f : kpis.of(List.of()));
      }
      case QUEUE -> rows.putAll(kpis.by(inPeriod, QueueCall::queue));
      case AGENT -> rows.putAll(kpis.by(inPeriod, QueueCall::agent));
    }
    return rows;
  }
}

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
import java.util.SortedMap;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.calls.CallRecordRepository;
import org.atalaya.core.routing.AgentActivityRepository;
import org.atalaya.core.routing.QueueConfig;

/**
 * A tenant's KPIs for a period from its stored calls and its agents' state history, as a total or
 * split by interval, day, queue or agent.
 */
public final class KpiReports {
  /** How a report splits its period. */
  public enum Split { TOTAL, INTERVAL, DAY, QUEUE, AGENT }

  /**
   * A period longer than this many days of the report's zone is refused: a report loads the
   * period's calls into memory.
   */
  public static final Duration MAX_PERIOD = Duration.ofDays(92);
  /** How long after its call a wrap-up may still be running: the longest a queue sets, and some slack. */
  private static final Duration WRAP_UP_REACH = QueueConfig.MAX_WRAP_UP.plusMinutes(1);

  private final CallRecordRepository calls;
  private final AgentActivityRepository activity;
  private final Clock clock;

  public KpiReports(CallRecordRepository calls, AgentActivityRepository activity, Clock clock) {
    this.calls = Objects.requireNonNull(calls);
    this.activity = Objects.requireNonNull(activity);
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
   * used for {@link Split#INTERVAL} only, {@code zone} for {@link Split#DAY} only. Per agent, the
   * agents who answered calls and those who were logged in and unpaused without any.
   */
  public Map<String, KpiFigures> report(String tenantId, Instant from, Instant to, Split split, Duration interval,
      KpiRules rules, ZoneId zone) {
    // Days on the zone's calendar: a quarter is 92 days, and 92 days and an hour when it has the
    // autumn clock change (1 October to 31 December in Madrid).
    if (!from.isBefore(to) || to.isAfter(from.atZone(zone).plusDays(MAX_PERIOD.toDays()).toInstant())) {
      throw new IllegalArgumentException("the period must start before it ends and last at most 92 days");
    }
    Instant now = clock.instant();
    List<QueueCall> all = new ArrayList<>();
    List<CallRecord> offeredInPeriod = new ArrayList<>();
    Instant lastEnd = to;
    for (CallRecord r : calls.startedBetween(tenantId, from, to)) {
      QueueCall c = QueueCall.from(r);
      if (c != null) {
        all.add(c);
        if (c.offeredAt().isBefore(to)) {
          offeredInPeriod.add(r);
          lastEnd = r.endedAt().isAfter(lastEnd) ? r.endedAt() : lastEnd;
        }
      }
    }
    // FCR looks at calls after the period too, up to one window after the last call's end (or now):
    // a window runs from its call's end, and a call offered at 23:59 may end after midnight.
    Instant windowsEnd = lastEnd.plus(rules.fcrWindow());
    Instant historyEnd = windowsEnd.isBefore(now) ? windowsEnd : now;
    if (!historyEnd.isBefore(to)) {
      // A window includes its last instant; stores keep milliseconds and startedBetween excludes its end.
      for (CallRecord r : calls.startedBetween(tenantId, to, historyEnd.plusMillis(1))) {
        QueueCall c = QueueCall.from(r);
        if (c != null) {
          all.add(c);
        }
      }
    }
    // Wrap-up is derived from the state history rather than stored on the call (docs/adr/0006):
    // it ends after the call record is written, and occupancy needs the same stretches anyway.
    AgentHistory agents = new AgentHistory(activity.overlapping(tenantId, from, lastEnd.plus(WRAP_UP_REACH)));
    List<QueueCall> inPeriod = new ArrayList<>();
    for (CallRecord r : offeredInPeriod) {
      inPeriod.add(QueueCall.from(r, agents.wrapUps(r.id())));
    }
    Kpis kpis = new Kpis(rules, CallerHistory.of(all), now);
    Map<String, KpiFigures> rows = new LinkedHashMap<>();
    switch (split) {
      case TOTAL -> rows.put("total", kpis.of(inPeriod).withOccupancy(agents.occupancy(from, to)));
      case INTERVAL -> {
        SortedMap<Instant, KpiFigures> byInterval = kpis.byInterval(inPeriod, from, to, interval);
        List<Instant> bounds = new ArrayList<>(byInterval.keySet());
        bounds.add(to);
        List<Double> occupancy = agents.occupancy(bounds);
        int i = 0;
        for (Map.Entry<Instant, KpiFigures> e : byInterval.entrySet()) {
          rows.put(e.getKey().toString(), e.getValue().withOccupancy(occupancy.get(i++)));
        }
      }
      case DAY -> {
        SortedMap<String, KpiFigures> byDay = kpis.by(inPeriod, c -> c.offeredAt().atZone(zone).toLocalDate().toString());
        List<Instant> bounds = new ArrayList<>(List.of(from));
        List<String> days = new ArrayList<>();
        for (LocalDate d = from.atZone(zone).toLocalDate(); d.atStartOfDay(zone).toInstant().isBefore(to);
            d = d.plusDays(1)) {
          days.add(d.toString());
          Instant next = d.plusDays(1).atStartOfDay(zone).toInstant();
          bounds.add(next.isBefore(to) ? next : to);
        }
        List<Double> occupancy = agents.occupancy(bounds);
        for (int i = 0; i < days.size(); i++) {
          KpiFigures f = byDay.getOrDefault(days.get(i), kpis.of(List.of()));
          rows.put(days.get(i), f.withOccupancy(occupancy.get(i)));
        }
      }
      // An agent's idle time serves every queue it can take at once: no share of it is a queue's.
      case QUEUE -> rows.putAll(kpis.by(inPeriod, QueueCall::queue));
      case AGENT -> {
        SortedMap<String, KpiFigures> byAgent = kpis.byAgent(inPeriod);
        SortedMap<String, Double> occupancy = agents.occupancyByAgent(from, to);
        occupancy.keySet().forEach(a -> byAgent.putIfAbsent(a, kpis.of(List.of())));
        byAgent.forEach((a, f) -> rows.put(a, f.withOccupancy(occupancy.get(a))));
      }
    }
    return rows;
  }
}

package org.atalaya.core.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.atalaya.core.kpi.QueueCall.Outcome;

/**
 * The contact-center KPIs of a set of calls, as {@code docs/KPIS.md} defines them. A call belongs
 * to the interval, queue and agent it was offered to or answered by, whole: a call offered at
 * 09:59 and answered at 10:01 counts in the 09:45 interval.
 */
public final class Kpis {
  private final KpiRules rules;
  private final CallerHistory history;
  private final Instant asOf;

  /**
   * @param history every call of the tenant up to {@code asOf}, for FCR
   * @param asOf now: an answered call whose FCR window has not closed yet counts for no FCR
   */
  public Kpis(KpiRules rules, CallerHistory history, Instant asOf) {
    this.rules = Objects.requireNonNull(rules);
    this.history = Objects.requireNonNull(history);
    this.asOf = Objects.requireNonNull(asOf);
  }

  /** The figures of these calls taken together. */
  public KpiFigures of(Collection<QueueCall> calls) {
    Tally t = new Tally();
    calls.forEach(t::add);
    return t.figures();
  }

  /** Per interval of {@code length} from {@code from} (inclusive) to {@code to} (exclusive), by offer time. */
  public SortedMap<Instant, KpiFigures> byInterval(Collection<QueueCall> calls, Instant from, Instant to,
      Duration length) {
    if (length.isZero() || length.isNegative() || !from.isBefore(to)) {
      throw new IllegalArgumentException("intervals need a positive length and from before to");
    }
    SortedMap<Instant, List<QueueCall>> buckets = new TreeMap<>();
    for (Instant start = from; start.isBefore(to); start = start.plus(length)) {
      buckets.put(start, new ArrayList<>());
    }
    long lengthMs = length.toMillis();
    for (QueueCall c : calls) {
      if (!c.offeredAt().isBefore(from) && c.offeredAt().isBefore(to)) {
        long index = (c.offeredAt().toEpochMilli() - from.toEpochMilli()) / lengthMs;
        buckets.get(from.plusMillis(index * lengthMs)).add(c);
      }
    }
    SortedMap<Instant, KpiFigures> out = new TreeMap<>();
    buckets.forEach((start, list) -> out.put(start, of(list)));
    return out;
  }

  /** Per value of {@code key} (queue, agent); calls whose key is null are left out. */
  public SortedMap<String, KpiFigures> by(Collection<QueueCall> calls, Function<QueueCall, String> key) {
    SortedMap<String, List<QueueCall>> groups = new TreeMap<>();
    for (QueueCall c : calls) {
      String k = key.apply(c);
      if (k != null) {
        groups.computeIfAbsent(k, x -> new ArrayList<>()).add(c);
      }
    }
    SortedMap<String, KpiFigures> out = new TreeMap<>();
    groups.forEach((k, list) -> out.put(k, of(list)));
    return out;
  }

  /** Sums over calls; {@link #figures()} turns them into rates and averages. */
  private final class Tally {
    int offered;
    int answered;
    int abandoned;
    int shortAbandoned;
    int unanswered;
    int inThreshold;
    long waitAnsweredMs;
    long waitAbandonedMs;
    long talkMs;
    long holdMs;
    long wrapUpMs;
    int fcrResolved;
    int fcrCounted;
    int csatSum;
    int csatResponses;
    int transfers;
    int callbacks;

    void add(QueueCall c) {
      if (c.outcome() == Outcome.ABANDONED && c.waited().compareTo(rules.shortAbandon()) < 0) {
        shortAbandoned++;
        return;
      }
      offered++;
      transfers += c.transferred() ? 1 : 0;
      callbacks += c.callback() ? 1 : 0;
      if (c.csat() != null) {
        csatSum += c.csat();
        csatResponses++;
      }
      switch (c.outcome()) {
        case ABANDONED -> {
          abandoned++;
          waitAbandonedMs += c.waited().toMillis();
        }
        case UNANSWERED -> unanswered++;
        case ANSWERED -> answered(c);
      }
    }

    private void answered(QueueCall c) {
      answered++;
      waitAnsweredMs += c.waited().toMillis();
      inThreshold += c.waited().compareTo(rules.serviceLevelThreshold()) <= 0 ? 1 : 0;
      talkMs += c.talk().toMillis();
      holdMs += c.hold().toMillis();
      wrapUpMs += c.wrapUp().toMillis();
      Instant windowEnd = c.endedAt().plus(rules.fcrWindow());
      if (c.caller() != null && !c.caller().isBlank() && !windowEnd.isAfter(asOf)) {
        fcrCounted++;
        fcrResolved += history.calledAgain(c.caller(), c.endedAt(), windowEnd) ? 0 : 1;
      }
    }

    KpiFigures figures() {
      return new KpiFigures(offered, answered, abandoned, shortAbandoned, unanswered, inThreshold,
          percent(inThreshold, offered), percent(abandoned, offered), seconds(waitAnsweredMs, answered),
          seconds(waitAbandonedMs, abandoned), seconds(talkMs + holdMs + wrapUpMs, answered), seconds(talkMs, answered),
          seconds(holdMs, answered), seconds(wrapUpMs, answered), fcrResolved, fcrCounted,
          percent(fcrResolved, fcrCounted), csatResponses == 0 ? null : (double) csatSum / csatResponses,
          csatResponses, transfers, callbacks);
    }
  }

  private static Double percent(int part, int whole) {
    return whole == 0 ? null : 100.0 * part / whole;
  }

  private static Double seconds(long millis, int count) {
    return count == 0 ? null : millis / 1000.0 / count;
  }
}

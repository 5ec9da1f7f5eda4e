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
 * to the interval and queue it was offered to, whole: a call offered at 09:59 and answered at
 * 10:01 counts in the 09:45 interval, its wrap-up too. Per agent, a transferred call counts for
 * each agent who had the caller ({@link #byAgent}). Occupancy is not a figure of calls: {@link
 * KpiReports} adds it from the agents' state history.
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

  /**
   * Per value of {@code key} (the queue), each call whole; calls whose key is null are left out.
   * Per agent, {@link #byAgent} credits every agent of a transferred call.
   */
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

  /**
   * Per agent: each call counts whole for the agent who answered it first, but with only that
   * agent's own talk, hold and wrap-up; every later agent of a transferred call counts it as
   * answered with its own talk and wrap-up, and nothing else (the caller waited for the first
   * agent only, and FCR, CSAT, transfers and callbacks are the call's). Calls nobody answered
   * belong to no agent.
   */
  public SortedMap<String, KpiFigures> byAgent(Collection<QueueCall> calls) {
    SortedMap<String, Tally> tallies = new TreeMap<>();
    for (QueueCall c : calls) {
      for (QueueCall.Handling h : c.handlings()) {
        Tally t = tallies.computeIfAbsent(h.agent(), k -> new Tally());
        if (h.agent().equals(c.agent())) {
          t.add(c, h);
        } else {
          t.handled(h);
        }
      }
    }
    SortedMap<String, KpiFigures> out = new TreeMap<>();
    tallies.forEach((agent, t) -> out.put(agent, t.figures()));
    return out;
  }

  /** Sums over calls; {@link #figures()} turns them into rates and averages. */
  private final class Tally {
    int offered;
    int answered;
    /** Answers the caller waited for: ASA's count, which a transferred-in call is not part of. */
    int waitedFor;
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
      add(c, null);
    }

    /** The whole call; with {@code own}, the talk, hold and wrap-up are that agent's only. */
    void add(QueueCall c, QueueCall.Handling own) {
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
        case ANSWERED -> answered(c, own);
      }
    }

    /** A later agent's part in a transferred call. */
    void handled(QueueCall.Handling h) {
      answered++;
      talkMs += h.talk().toMillis();
      holdMs += h.hold().toMillis();
      wrapUpMs += h.wrapUp().toMillis();
    }

    private void answered(QueueCall c, QueueCall.Handling own) {
      answered++;
      waitedFor++;
      waitAnsweredMs += c.waited().toMillis();
      // Each call by its own queue's threshold, also in a total over several queues.
      inThreshold += c.waited().compareTo(rules.serviceLevelFor(c.queue())) <= 0 ? 1 : 0;
      talkMs += (own == null ? c.talk() : own.talk()).toMillis();
      holdMs += (own == null ? c.hold() : own.hold()).toMillis();
      wrapUpMs += (own == null ? c.wrapUp() : own.wrapUp()).toMillis();
      Instant windowEnd = c.endedAt().plus(rules.fcrWindow());
      if (c.caller() != null && !c.caller().isBlank() && !windowEnd.isAfter(asOf)) {
        fcrCounted++;
        fcrResolved += history.calledAgain(c.caller(), c.endedAt(), windowEnd) ? 0 : 1;
      }
    }

    KpiFigures figures() {
      return new KpiFigures(offered, answered, abandoned, shortAbandoned, unanswered, inThreshold,
          percent(inThreshold, offered), percent(abandoned, offered), seconds(waitAnsweredMs, waitedFor),
          seconds(waitAbandonedMs, abandoned), seconds(talkMs + holdMs + wrapUpMs, answered), seconds(talkMs, answered),
          seconds(holdMs, answered), seconds(wrapUpMs, answered), fcrResolved, fcrCounted,
          percent(fcrResolved, fcrCounted), csatResponses == 0 ? null : (double) csatSum / csatResponses,
          csatResponses, transfers, callbacks, null);
    }
  }

  private static Double percent(int part, int whole) {
    return whole == 0 ? null : 100.0 * part / whole;
  }

  private static Double seconds(long millis, int count) {
    return count == 0 ? null : millis / 1000.0 / count;
  }
}

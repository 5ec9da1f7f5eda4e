package org.atalaya.core.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.atalaya.core.routing.AgentActivity;
import org.atalaya.core.routing.AgentState;

/**
 * The agents' state history around a report's period, as the KPIs read it: each call's wrap-up,
 * and the agents' occupancy ({@code docs/KPIS.md}): handle time (on a call, talking, holding or
 * consulting, and wrapping up) ÷ (handle time + time available or ringing) × 100. Paused,
 * logged-out and offline time is in neither. Null when both are zero: nobody was logged in and
 * unpaused.
 *
 * <p>Occupancy counts time, not calls: a stretch counts for the part of it inside the window, so
 * a wrap-up from 09:59 to 10:01 is one minute in each hour, while in the wrap-up figure it belongs
 * to its call, which belongs to the interval it was offered in.
 */
final class AgentHistory {
  private final List<AgentActivity> activity;
  private final Map<String, Map<String, Duration>> wrapUps = new HashMap<>();

  AgentHistory(List<AgentActivity> activity) {
    this.activity = List.copyOf(activity);
    for (AgentActivity a : activity) {
      if (a.state() == AgentState.WRAP_UP && a.callId() != null) {
        wrapUps.computeIfAbsent(a.callId(), k -> new HashMap<>()).merge(a.agentExtension(), a.duration(),
            Duration::plus);
      }
    }
  }

  /** Each agent's wrap-up after the call, whole, however far it ran past the period. */
  Map<String, Duration> wrapUps(String callId) {
    return wrapUps.getOrDefault(callId, Map.of());
  }

  /** Every agent together, within [from, to). */
  Double occupancy(Instant from, Instant to) {
    return occupancy(List.of(from, to)).getFirst();
  }

  /**
   * Every agent together, in each window between two consecutive {@code bounds} (ascending): the
   * intervals or days of a report, in one pass over the history.
   */
  List<Double> occupancy(List<Instant> bounds) {
    int windows = bounds.size() - 1;
    Time[] time = new Time[windows];
    for (int i = 0; i < windows; i++) {
      time[i] = new Time();
    }
    for (AgentActivity a : activity) {
      if (counts(a)) {
        for (int i = firstWindow(bounds, a.since()); i < windows && bounds.get(i).isBefore(a.until()); i++) {
          time[i].add(a, bounds.get(i), bounds.get(i + 1));
        }
      }
    }
    List<Double> out = new ArrayList<>(windows);
    for (Time t : time) {
      out.add(t.percent());
    }
    return out;
  }

  /** Each agent logged in and unpaused for some time within [from, to), with its occupancy then. */
  SortedMap<String, Double> occupancyByAgent(Instant from, Instant to) {
    Map<String, Time> time = new HashMap<>();
    for (AgentActivity a : activity) {
      if (counts(a) && !a.within(from, to).isZero()) {
        time.computeIfAbsent(a.agentExtension(), k -> new Time()).add(a, from, to);
      }
    }
    SortedMap<String, Double> out = new TreeMap<>();
    time.forEach((agent, t) -> out.put(agent, t.percent()));
    return out;
  }

  private static boolean counts(AgentActivity a) {
    return switch (a.state()) {
      case ON_CALL, WRAP_UP, AVAILABLE, RINGING -> true;
      case PAUSED, LOGGED_OUT, OFFLINE -> false;
    };
  }

  /** The window {@code at} falls in (the first when it is earlier). */
  private static int firstWindow(List<Instant> bounds, Instant at) {
    int i = Collections.binarySearch(bounds, at);
    return i >= 0 ? i : Math.max(0, -i - 2);
  }

  /** Handle and idle time in one window. */
  private static final class Time {
    long handleMs;
    long idleMs;

    void add(AgentActivity a, Instant from, Instant to) {
      long ms = a.within(from, to).toMillis();
      switch (a.state()) {
        case ON_CALL, WRAP_UP -> handleMs += ms;
        default -> idleMs += ms;
      }
    }

    Double percent() {
      return handleMs + idleMs == 0 ? null : 100.0 * handleMs / (handleMs + idleMs);
    }
  }
}

package org.atalaya.core.kpi;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * When each caller called, to judge first-contact resolution. It must hold the calls after the
 * reported period too (up to the FCR window later), or a repeat call just after it goes unseen.
 */
public final class CallerHistory {
  private final Map<String, NavigableSet<Instant>> offers = new HashMap<>();

  public static CallerHistory of(Collection<QueueCall> calls) {
    CallerHistory h = new CallerHistory();
    for (QueueCall c : calls) {
      if (c.caller() != null && !c.caller().isBlank()) {
        h.offers.computeIfAbsent(c.caller(), k -> new TreeSet<>()).add(c.offeredAt());
      }
    }
    return h;
  }

  /** Whether {@code caller} called again after {@code after}, up to and including {@code until}. */
  public boolean calledAgain(String caller, Instant after, Instant until) {
    NavigableSet<Instant> times = offers.get(caller);
    return times != null && !times.subSet(after, false, until, true).isEmpty();
  }
}

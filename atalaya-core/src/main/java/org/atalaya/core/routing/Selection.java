package org.atalaya.core.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Picks, by a queue's strategy, whom among the eligible free agents to offer a call to. */
final class Selection {
  private Selection() {}

  /**
   * The agents to ring: one, or all for ring-all; empty if none is eligible. {@code lastServed}
   * is the extension that took the queue's previous call (round robin), or null.
   */
  static List<AcdAgent> pick(QueueConfig queue, List<AcdAgent> eligible, String lastServed) {
    if (eligible.isEmpty()) {
      return List.of();
    }
    // Skill levels make tiers, as in Avaya's expert agent selection: a queue's calls go to its
    // most skilled free agents first and the less skilled are the backup. Within a tier the
    // strategy decides, then the longest idle, then the extension, so that the same facts
    // always pick the same agent.
    Comparator<AcdAgent> tier = Comparator.comparingInt(a -> -queue.fit(a.skills));
    Comparator<AcdAgent> ties = Comparator.<AcdAgent, java.time.Instant>comparing(a -> a.idleSince)
        .thenComparing(a -> a.extension, EXTENSIONS);
    Comparator<AcdAgent> order = switch (queue.strategy()) {
      case LONGEST_IDLE, RING_ALL -> tier.thenComparing(ties);
      case LEAST_TALK_TIME -> tier.thenComparing(a -> a.talk).thenComparing(ties);
      case FEWEST_CALLS -> tier.thenComparingInt(a -> a.calls).thenComparing(ties);
      case ROUND_ROBIN -> tier.thenComparingInt(a -> afterLast(a.extension, lastServed))
          .thenComparing(a -> a.extension, EXTENSIONS);
    };
    List<AcdAgent> sorted = new ArrayList<>(eligible);
    sorted.sort(order);
    return queue.strategy() == Strategy.RING_ALL ? sorted : List.of(sorted.getFirst());
  }

  /** Numeric order for digit strings of any length: 999 before 1001. */
  static final Comparator<String> EXTENSIONS = Comparator.comparingInt(String::length)
      .thenComparing(Comparator.naturalOrder());

  /** 0 for extensions after the last served one (next in turn), 1 for those before or equal. */
  private static int afterLast(String extension, String lastServed) {
    return lastServed == null || EXTENSIONS.compare(extension, lastServed) > 0 ? 0 : 1;
  }
}

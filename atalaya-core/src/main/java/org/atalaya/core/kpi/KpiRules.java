package org.atalaya.core.kpi;

import java.time.Duration;
import java.util.Map;

/**
 * What a tenant contracts its figures by.
 *
 * @param serviceLevelThreshold answered within this counts for the service level (the 20 of 80/20),
 *     for the calls of queues that {@code queueServiceLevels} does not list
 * @param shortAbandon callers who hang up sooner are not counted as offered or abandoned
 * @param fcrWindow a caller who calls again within this after the call ended was not resolved
 * @param queueServiceLevels the queues that judge their calls by their own threshold (the routing
 *     document's {@code serviceLevelSeconds}); empty when one threshold judges every call
 */
public record KpiRules(Duration serviceLevelThreshold, Duration shortAbandon, Duration fcrWindow,
    Map<String, Duration> queueServiceLevels) {
  public static final KpiRules DEFAULT = new KpiRules(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofHours(72));

  public KpiRules {
    queueServiceLevels = queueServiceLevels == null ? Map.of() : Map.copyOf(queueServiceLevels);
    if (serviceLevelThreshold.isNegative() || shortAbandon.isNegative() || fcrWindow.isNegative()
        || queueServiceLevels.values().stream().anyMatch(Duration::isNegative)) {
      throw new IllegalArgumentException("KPI thresholds cannot be negative");
    }
  }

  /** One service-level threshold for every call. */
  public KpiRules(Duration serviceLevelThreshold, Duration shortAbandon, Duration fcrWindow) {
    this(serviceLevelThreshold, shortAbandon, fcrWindow, Map.of());
  }

  /** The same rules, with the calls of these queues judged by their own threshold. */
  public KpiRules withQueueServiceLevels(Map<String, Duration> thresholds) {
    return new KpiRules(serviceLevelThreshold, shortAbandon, fcrWindow, thresholds);
  }

  /** The threshold a call offered to {@code queue} is judged by. */
  public Duration serviceLevelFor(String queue) {
    Duration own = queue == null ? null : queueServiceLevels.get(queue);
    return own != null ? own : serviceLevelThreshold;
  }
}

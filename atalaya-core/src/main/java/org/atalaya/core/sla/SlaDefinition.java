package org.atalaya.core.sla;

import java.time.Duration;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.atalaya.core.kpi.KpiRules;

/**
 * What a client contracts, such as "80 % of calls answered within 20 s, each hour" or "abandon
 * rate at most 5 % a day". Validated whole; each message starts with the field at fault.
 *
 * @param id the tenant's name for it, in URLs (letters, digits, '-' and '_')
 * @param name what people read
 * @param metric the figure it is about
 * @param comparator at least or at most the target
 * @param target in the metric's unit (%, s, or the 1-5 CSAT mean)
 * @param thresholdSeconds the T of the service level (answered within T); only for that metric
 * @param queue the one queue it is about, or null for all the tenant's calls
 * @param period how long each judged period is
 * @param zone the time zone periods follow (a day starts at local midnight)
 * @param minCalls a period with fewer calls in the figure cannot breach: "1 abandoned of 1" is not 100 %
 */
public record SlaDefinition(String id, String name, SlaMetric metric, SlaComparator comparator, double target,
    Integer thresholdSeconds, String queue, SlaPeriod period, ZoneId zone, int minCalls) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  public SlaDefinition {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id: 1 to 64 letters, digits, '-' or '_', got '" + id + "'");
    }
    if (name == null || name.isBlank() || name.length() > 120) {
      throw new IllegalArgumentException("name: required, at most 120 characters");
    }
    name = name.strip();
    required(metric, "metric");
    required(comparator, "comparator");
    required(period, "period");
    required(zone, "zone");
    if (!metric.accepts(target)) {
      throw new IllegalArgumentException("target: " + metric.range() + " for " + metric.wire() + ", got " + target);
    }
    if (metric == SlaMetric.SERVICE_LEVEL) {
      if (thresholdSeconds == null || thresholdSeconds < 1 || thresholdSeconds > 3600) {
        throw new IllegalArgumentException("thresholdSeconds: the service level's answer time, 1 to 3600 s");
      }
    } else if (thresholdSeconds != null) {
      throw new IllegalArgumentException("thresholdSeconds: only for the serviceLevel metric");
    }
    queue = queue == null || queue.isBlank() ? null : queue.strip();
    if (minCalls < 0 || minCalls > 100_000) {
      throw new IllegalArgumentException("minCalls: 0 to 100000, got " + minCalls);
    }
  }

  private static void required(Object value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": required");
    }
  }

  /** The KPI rules its figure is computed with: the tenant defaults, and its own service-level T. */
  public KpiRules rules() {
    KpiRules d = KpiRules.DEFAULT;
    return thresholdSeconds == null ? d
        : new KpiRules(Duration.ofSeconds(thresholdSeconds), d.shortAbandon(), d.fcrWindow());
  }
}

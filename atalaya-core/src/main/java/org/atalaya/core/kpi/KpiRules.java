package org.atalaya.core.kpi;

import java.time.Duration;

/**
 * What a tenant contracts its figures by.
 *
 * @param serviceLevelThreshold answered within this counts for the service level (the 20 of 80/20)
 * @param shortAbandon callers who hang up sooner are not counted as offered or abandoned
 * @param fcrWindow a caller who calls again within this after the call ended was not resolved
 */
public record KpiRules(Duration serviceLevelThreshold, Duration shortAbandon, Duration fcrWindow) {
  public static final KpiRules DEFAULT = new KpiRules(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofHours(72));

  public KpiRules {
    if (serviceLevelThreshold.isNegative() || shortAbandon.isNegative() || fcrWindow.isNegative()) {
      throw new IllegalArgumentException("KPI thresholds cannot be negative");
    }
  }
}

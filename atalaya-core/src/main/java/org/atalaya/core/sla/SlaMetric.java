package org.atalaya.core.sla;

import java.time.Duration;
import org.atalaya.core.kpi.KpiFigures;
import org.atalaya.core.kpi.KpiRules;

/**
 * The KPI figures a contract can be written on. Each reads its value from {@link KpiFigures} (never
 * recomputed here) and the count that value is taken over, which the minimum-calls rule checks.
 */
public enum SlaMetric {
  SERVICE_LEVEL("serviceLevel", "%", 0, 100),
  ABANDON_RATE("abandonRate", "%", 0, 100),
  ASA("asa", "s", 0, 86_400),
  AHT("aht", "s", 0, 86_400),
  FCR("fcr", "%", 0, 100),
  CSAT("csat", "", 1, 5);

  private final String wire;
  private final String unit;
  private final double min;
  private final double max;

  SlaMetric(String wire, String unit, double min, double max) {
    this.wire = wire;
    this.unit = unit;
    this.min = min;
    this.max = max;
  }

  /** The name in the API and the database: serviceLevel, abandonRate, asa, aht, fcr, csat. */
  public String wire() {
    return wire;
  }

  /** "%", "s" or "" (CSAT is a 1-5 mean). */
  public String unit() {
    return unit;
  }

  /** Whether {@code target} is a possible value of this figure. */
  public boolean accepts(double target) {
    return Double.isFinite(target) && target >= min && target <= max;
  }

  /** The range a target must be in, for error messages. */
  public String range() {
    return switch (this) {
      case CSAT -> "a mean answer from 1 to 5";
      case ASA, AHT -> "seconds from 0 to 86400";
      default -> "a percentage from 0 to 100";
    };
  }

  /** The figure, or null when it was taken over no calls. */
  public Double value(KpiFigures f) {
    return switch (this) {
      case SERVICE_LEVEL -> f.serviceLevelPercent();
      case ABANDON_RATE -> f.abandonRatePercent();
      case ASA -> f.asaSeconds();
      case AHT -> f.ahtSeconds();
      case FCR -> f.fcrPercent();
      case CSAT -> f.csatAverage();
    };
  }

  /** How many calls the figure is over: offered, answered, judged for FCR, or survey answers. */
  public int sample(KpiFigures f) {
    return switch (this) {
      case SERVICE_LEVEL, ABANDON_RATE -> f.offered();
      case ASA, AHT -> f.answered();
      case FCR -> f.fcrCounted();
      case CSAT -> f.csatResponses();
    };
  }

  /**
   * How long after a period closes its figure is final. FCR judges a call only once its repeat
   * window has passed, so an FCR period judged at once would always read "not enough calls".
   */
  public Duration settle(KpiRules rules) {
    return this == FCR ? rules.fcrWindow() : Duration.ZERO;
  }

  public static SlaMetric parse(String text) {
    for (SlaMetric m : values()) {
      if (m.wire.equalsIgnoreCase(text) || m.name().equalsIgnoreCase(text)) {
        return m;
      }
    }
    throw new IllegalArgumentException("metric: serviceLevel, abandonRate, asa, aht, fcr or csat, got '" + text + "'");
  }
}

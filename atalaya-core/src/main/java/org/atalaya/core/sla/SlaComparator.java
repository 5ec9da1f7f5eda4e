package org.atalaya.core.sla;

/** Which side of the target meets the contract: a service level of at least 80, an ASA of at most 30. */
public enum SlaComparator {
  AT_LEAST("at-least"),
  AT_MOST("at-most");

  /**
   * Figures are ratios of whole calls; 100 × 4 / 5 is exactly 80.0, but other exact hits can land
   * a rounding error away (0.1 + 0.2). Exactly on target must count as met.
   */
  private static final double TOLERANCE = 1e-9;
  private final String wire;

  SlaComparator(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Whether {@code actual} meets {@code target}; on target is met. */
  public boolean met(double actual, double target) {
    return this == AT_LEAST ? actual >= target - TOLERANCE : actual <= target + TOLERANCE;
  }

  public static SlaComparator parse(String text) {
    for (SlaComparator c : values()) {
      if (c.wire.equalsIgnoreCase(text) || c.name().equalsIgnoreCase(text)) {
        return c;
      }
    }
    throw new IllegalArgumentException("comparator: at-least or at-most, got '" + text + "'");
  }
}

package org.atalaya.core.sla;

import java.time.Instant;
import java.util.Objects;

/**
 * An SLA that failed: a BREACH of a closed period (stored, sent to webhooks and the dashboard),
 * or an AT_RISK warning about the period in progress (dashboard only, not stored).
 *
 * @param id unique; for a breach, the id webhooks and the breach list carry
 * @param definition the definition as it was when judged (it may change or go later)
 * @param actual the figure that failed
 * @param calls how many calls it was over
 * @param detectedAt when the monitor found it
 */
public record SlaAlert(String id, String tenantId, Kind kind, SlaDefinition definition, Instant periodStart,
    Instant periodEnd, double actual, int calls, Instant detectedAt) {
  /** A breach of a closed period, or a warning about the period in progress. */
  public enum Kind { BREACH, AT_RISK }

  public SlaAlert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(periodEnd, "periodEnd");
    Objects.requireNonNull(detectedAt, "detectedAt");
  }
}

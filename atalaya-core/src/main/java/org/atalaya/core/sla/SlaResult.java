package org.atalaya.core.sla;

import java.time.Instant;

/**
 * An SLA's figure over one period, closed or in progress, and what it means.
 *
 * @param periodStart the period's start
 * @param periodEnd its end (exclusive); for a period in progress, the figure covers up to now
 * @param actual the figure, or null when it was taken over no calls
 * @param calls how many calls the figure is over (see {@link SlaMetric#sample})
 */
public record SlaResult(Instant periodStart, Instant periodEnd, Double actual, int calls, State state) {
  /** The verdict. AT_RISK is a period in progress that would breach if it closed now. */
  public enum State { MET, BREACHED, AT_RISK, NOT_ENOUGH_CALLS }
}

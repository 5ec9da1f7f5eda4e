package org.atalaya.core.kpi;

/**
 * The figures of a set of calls (one queue, agent or interval). Times are in seconds; a ratio
 * or average over nothing is null, not zero, so a quiet interval never reads as a perfect one.
 * {@code docs/KPIS.md} gives each formula. Occupancy comes from the agents' state history, not
 * from the calls: null where it is not defined (a queue) or nobody was logged in and unpaused.
 */
public record KpiFigures(
    int offered,
    int answered,
    int abandoned,
    int shortAbandoned,
    int unanswered,
    int answeredInThreshold,
    Double serviceLevelPercent,
    Double abandonRatePercent,
    Double asaSeconds,
    Double averageAbandonSeconds,
    Double ahtSeconds,
    Double averageTalkSeconds,
    Double averageHoldSeconds,
    Double averageWrapUpSeconds,
    int fcrResolved,
    int fcrCounted,
    Double fcrPercent,
    Double csatAverage,
    int csatResponses,
    int transfers,
    int callbacks,
    Double occupancyPercent) {

  /** The same figures with the occupancy of the same agents and time. */
  public KpiFigures withOccupancy(Double percent) {
    return new KpiFigures(offered, answered, abandoned, shortAbandoned, unanswered, answeredInThreshold,
        serviceLevelPercent, abandonRatePercent, asaSeconds, averageAbandonSeconds, ahtSeconds, averageTalkSeconds,
        averageHoldSeconds, averageWrapUpSeconds, fcrResolved, fcrCounted, fcrPercent, csatAverage, csatResponses,
        transfers, callbacks, percent);
  }
}

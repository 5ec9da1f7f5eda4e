package org.atalaya.core.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.atalaya.core.kpi.KpiFigures;
import org.atalaya.core.kpi.KpiReports;
import org.atalaya.core.sla.SlaResult.State;

/**
 * Judges an SLA over a period from the tenant's stored calls. The figure comes from
 * {@link KpiReports}, the same numbers the reports show, so a client never sees a breach the
 * report contradicts.
 */
public final class SlaEvaluator {
  private final KpiReports reports;

  public SlaEvaluator(KpiReports reports) {
    this.reports = Objects.requireNonNull(reports);
  }

  /** The closed period that starts at {@code periodStart}: MET, BREACHED or NOT_ENOUGH_CALLS. */
  public SlaResult closed(String tenantId, SlaDefinition d, Instant periodStart) {
    Instant end = d.period().end(periodStart, d.zone());
    return judge(tenantId, d, periodStart, end, end, State.BREACHED);
  }

  /** The period in progress at {@code now}, up to now: MET, AT_RISK or NOT_ENOUGH_CALLS. */
  public SlaResult inProgress(String tenantId, SlaDefinition d, Instant now) {
    Instant start = d.period().start(now, d.zone());
    return judge(tenantId, d, start, d.period().end(start, d.zone()), now, State.AT_RISK);
  }

  /**
   * The latest period whose figure is final at {@code now}: the one before the current period,
   * or for FCR the latest that closed a repeat window ago.
   */
  public Instant lastFinalPeriod(SlaDefinition d, Instant now) {
    Instant settled = now.minus(d.metric().settle(d.rules()));
    return d.period().previous(d.period().start(settled, d.zone()), d.zone());
  }

  private SlaResult judge(String tenantId, SlaDefinition d, Instant start, Instant end, Instant upTo, State failing) {
    if (!start.isBefore(upTo)) {
      return new SlaResult(start, end, null, 0, State.NOT_ENOUGH_CALLS);
    }
    KpiFigures f = figures(tenantId, d, start, upTo);
    Double actual = f == null ? null : d.metric().value(f);
    int calls = f == null ? 0 : d.metric().sample(f);
    State state;
    if (actual == null || calls < d.minCalls()) {
      state = State.NOT_ENOUGH_CALLS;
    } else {
      state = d.comparator().met(actual, d.target()) ? State.MET : failing;
    }
    return new SlaResult(start, end, actual, calls, state);
  }

  private KpiFigures figures(String tenantId, SlaDefinition d, Instant from, Instant to) {
    // The interval argument is unused by TOTAL and QUEUE splits; any valid length will do.
    Duration unused = Duration.ofHours(1);
    if (d.queue() == null) {
      return reports.report(tenantId, from, to, KpiReports.Split.TOTAL, unused, d.rules()).get("total");
    }
    Map<String, KpiFigures> byQueue = reports.report(tenantId, from, to, KpiReports.Split.QUEUE, unused, d.rules());
    return byQueue.get(d.queue());
  }
}

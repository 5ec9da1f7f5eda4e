package org.atalaya.web.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.atalaya.core.kpi.KpiFigures;

/**
 * A KPI report as CSV (RFC 4180): one header row whose English names, with their unit, are a
 * contract with spreadsheets and BI tools (never renamed, only appended to), then one row per key.
 * No figure is an empty cell, never 0; decimals carry at most two places and a dot.
 */
final class KpiCsv {
  static final String HEADER = "key,offered,answered,abandoned,short_abandoned,unanswered,answered_in_threshold,"
      + "service_level_pct,abandon_rate_pct,asa_s,avg_abandon_s,aht_s,avg_talk_s,avg_hold_s,avg_wrap_up_s,"
      + "fcr_resolved,fcr_counted,fcr_pct,csat_avg,csat_responses,transfers,callbacks,occupancy_pct";

  private KpiCsv() {}

  static String of(List<KpiRoutes.Row> rows) {
    StringBuilder b = new StringBuilder(HEADER).append("\r\n");
    for (KpiRoutes.Row r : rows) {
      KpiFigures f = r.figures();
      b.append(AuditRoutes.csv(r.key()));
      for (Object v : new Object[] {f.offered(), f.answered(), f.abandoned(), f.shortAbandoned(), f.unanswered(),
          f.answeredInThreshold(), f.serviceLevelPercent(), f.abandonRatePercent(), f.asaSeconds(),
          f.averageAbandonSeconds(), f.ahtSeconds(), f.averageTalkSeconds(), f.averageHoldSeconds(),
          f.averageWrapUpSeconds(), f.fcrResolved(), f.fcrCounted(), f.fcrPercent(), f.csatAverage(),
          f.csatResponses(), f.transfers(), f.callbacks(), f.occupancyPercent()}) {
        b.append(',').append(number(v));
      }
      b.append("\r\n");
    }
    return b.toString();
  }

  private static String number(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }
}

package org.atalaya.web.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.kpi.KpiFigures;
import org.atalaya.core.kpi.KpiReports;
import org.atalaya.core.kpi.KpiRules;
import org.atalaya.core.users.Role;
import org.atalaya.web.ApiException;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/**
 * {@code GET /api/v1/kpis?from=&to=&by=total|interval|day|queue|agent&interval=15m|30m|1h|1d&zone=}
 * plus the rules {@code serviceLevel} (s), {@code shortAbandon} (s) and {@code fcrHours}: the
 * caller's tenant's KPIs ({@code docs/KPIS.md}). Without {@code serviceLevel}, each call is judged
 * by its queue's own threshold from the tenant's routing document. {@code format=csv} (or {@code Accept: text/csv})
 * answers CSV, and that export is audited. For supervisors, QA analysts, admins, auditors and
 * client viewers (a BPO client reads the figures it contracts); not for agents.
 */
public final class KpiRoutes {
  /** One row: what it is about, and its figures. */
  public record Row(String key, KpiFigures figures) {}

  /** The report as the API returns it. */
  public record Report(Instant from, Instant to, String by, String zone, KpiRules rules, List<Row> rows) {}

  private static final Map<String, Duration> INTERVALS = Map.of("15m", Duration.ofMinutes(15), "30m",
      Duration.ofMinutes(30), "1h", Duration.ofHours(1), "1d", Duration.ofDays(1));
  private final Authenticator auth;
  private final KpiReports reports;
  private final AuditLog audit;
  private final Clock clock;
  private final Function<String, Map<String, Duration>> queueServiceLevels;

  /** @param queueServiceLevels a tenant's queues to their own service-level threshold */
  public KpiRoutes(Authenticator auth, KpiReports reports, AuditLog audit, Clock clock,
      Function<String, Map<String, Duration>> queueServiceLevels) {
    this.auth = auth;
    this.reports = reports;
    this.audit = audit;
    this.clock = clock;
    this.queueServiceLevels = queueServiceLevels;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/kpis", this::report);
  }

  private void report(Context ctx) {
    Principal p = auth.require(ctx).requireRole(Role.ADMIN, Role.SUPERVISOR, Role.QA_ANALYST, Role.AUDITOR,
        Role.CLIENT_VIEWER);
    Report report;
    boolean csv;
    try {
      csv = wantsCsv(ctx);
      ZoneId zone = zone(ctx);
      Instant from = instant(ctx, "from", false, zone);
      Instant to = instant(ctx, "to", true, zone);
      if (from == null || to == null) {
        throw new IllegalArgumentException("from and to are required (2026-11-23 or an instant)");
      }
      String by = ctx.queryParamAsClass("by", String.class).getOrDefault("total").toLowerCase(Locale.ROOT);
      KpiReports.Split split = switch (by) {
        case "total" -> KpiReports.Split.TOTAL;
        case "interval" -> KpiReports.Split.INTERVAL;
        case "day" -> KpiReports.Split.DAY;
        case "queue" -> KpiReports.Split.QUEUE;
        case "agent" -> KpiReports.Split.AGENT;
        default -> throw new IllegalArgumentException("by: total, interval, day, queue or agent, got '" + by + "'");
      };
      String name = ctx.queryParamAsClass("interval", String.class).getOrDefault("1h");
      Duration interval = INTERVALS.get(name);
      if (interval == null) {
        throw new IllegalArgumentException("interval: 15m, 30m, 1h or 1d, got '" + name + "'");
      }
      Integer serviceLevel = SearchParams.integer(ctx, "serviceLevel");
      KpiRules rules = new KpiRules(
          serviceLevel == null ? KpiRules.DEFAULT.serviceLevelThreshold() : Duration.ofSeconds(serviceLevel),
          seconds(ctx, "shortAbandon", KpiRules.DEFAULT.shortAbandon()),
          hours(ctx, "fcrHours", KpiRules.DEFAULT.fcrWindow()));
      if (serviceLevel == null) {
        rules = rules.withQueueServiceLevels(queueServiceLevels.apply(p.tenantId()));
      }
      List<Row> rows = new ArrayList<>();
      reports.report(p.tenantId(), from, to, split, interval, rules, zone).forEach((k, f) -> rows.add(new Row(k, f)));
      report = new Report(from, to, by, zone.getId(), rules, rows);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (!csv) {
      ctx.json(report);
      return;
    }
    // What left the system, with which filters, is on the record like the audit log's own exports.
    audit.append(new AuditEvent(p.tenantId(), clock.instant(), p.login(), "kpi.export",
        "kpis:" + report.from() + "/" + report.to(), "by=" + report.by() + " zone=" + report.zone() + " rows="
            + report.rows().size() + " " + ctx.queryString()));
    String file = "kpis-" + report.by() + "-" + report.from().toString().substring(0, 10) + ".csv";
    ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    ctx.contentType("text/csv; charset=utf-8").result(KpiCsv.of(report.rows()));
  }

  private static boolean wantsCsv(Context ctx) {
    String format = SearchParams.text(ctx, "format");
    if (format == null) {
      String accept = ctx.header("Accept");
      return accept != null && accept.toLowerCase(Locale.ROOT).startsWith("text/csv");
    }
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "csv" -> true;
      case "json" -> false;
      default -> throw new IllegalArgumentException("format: csv or json, got '" + format + "'");
    };
  }

  private static ZoneId zone(Context ctx) {
    String z = SearchParams.text(ctx, "zone");
    try {
      return z == null ? ZoneOffset.UTC : ZoneId.of(z);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("zone: a time zone such as Europe/Madrid, got '" + z + "'");
    }
  }

  /** A date is midnight in {@code zone} (with {@code endOfDay}, the next midnight); else an instant. */
  private static Instant instant(Context ctx, String name, boolean endOfDay, ZoneId zone) {
    String v = SearchParams.text(ctx, name);
    if (v == null || v.length() != 10) {
      return SearchParams.instant(ctx, name, endOfDay);
    }
    try {
      LocalDate day = LocalDate.parse(v);
      return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + ": use 2026-11-23 or 2026-11-23T10:00:00Z, got '" + v + "'");
    }
  }

  private static Duration seconds(Context ctx, String name, Duration otherwise) {
    Integer v = SearchParams.integer(ctx, name);
    return v == null ? otherwise : Duration.ofSeconds(v);
  }

  private static Duration hours(Context ctx, String name, Duration otherwise) {
    Integer v = SearchParams.integer(ctx, name);
    return v == null ? otherwise : Duration.ofHours(v);
  }
}

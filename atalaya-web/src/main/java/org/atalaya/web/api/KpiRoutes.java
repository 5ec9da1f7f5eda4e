package org.atalaya.web.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atalaya.core.kpi.KpiFigures;
import org.atalaya.core.kpi.KpiReports;
import org.atalaya.core.kpi.KpiRules;
import org.atalaya.core.users.Role;
import org.atalaya.web.ApiException;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/**
 * {@code GET /api/v1/kpis?from=&to=&by=total|interval|queue|agent&interval=15m|30m|1h|1d} plus the
 * rules {@code serviceLevel} (s), {@code shortAbandon} (s) and {@code fcrHours}: the caller's
 * tenant's KPIs ({@code docs/KPIS.md}). For supervisors, QA analysts, admins, auditors and client
 * viewers (a BPO client reads the figures it contracts); not for agents.
 */
public final class KpiRoutes {
  /** One row: what it is about, and its figures. */
  public record Row(String key, KpiFigures figures) {}

  /** The report as the API returns it. */
  public record Report(Instant from, Instant to, String by, KpiRules rules, List<Row> rows) {}

  private static final Map<String, Duration> INTERVALS = Map.of("15m", Duration.ofMinutes(15), "30m",
      Duration.ofMinutes(30), "1h", Duration.ofHours(1), "1d", Duration.ofDays(1));
  private final Authenticator auth;
  private final KpiReports reports;

  public KpiRoutes(Authenticator auth, KpiReports reports) {
    this.auth = auth;
    this.reports = reports;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/kpis", this::report);
  }

  private void report(Context ctx) {
    Principal p = auth.require(ctx).requireRole(Role.ADMIN, Role.SUPERVISOR, Role.QA_ANALYST, Role.AUDITOR,
        Role.CLIENT_VIEWER);
    try {
      Instant from = SearchParams.instant(ctx, "from", false);
      Instant to = SearchParams.instant(ctx, "to", true);
      if (from == null || to == null) {
        throw new IllegalArgumentException("from and to are required (2026-11-23 or an instant)");
      }
      String by = ctx.queryParamAsClass("by", String.class).getOrDefault("total").toLowerCase(Locale.ROOT);
      KpiReports.Split split = switch (by) {
        case "total" -> KpiReports.Split.TOTAL;
        case "interval" -> KpiReports.Split.INTERVAL;
        case "queue" -> KpiReports.Split.QUEUE;
        case "agent" -> KpiReports.Split.AGENT;
        default -> throw new IllegalArgumentException("by: total, interval, queue or agent, got '" + by + "'");
      };
      String name = ctx.queryParamAsClass("interval", String.class).getOrDefault("1h");
      Duration interval = INTERVALS.get(name);
      if (interval == null) {
        throw new IllegalArgumentException("interval: 15m, 30m, 1h or 1d, got '" + name + "'");
      }
      KpiRules rules = new KpiRules(seconds(ctx, "serviceLevel", KpiRules.DEFAULT.serviceLevelThreshold()),
          seconds(ctx, "shortAbandon", KpiRules.DEFAULT.shortAbandon()),
          hours(ctx, "fcrHours", KpiRules.DEFAULT.fcrWindow()));
      List<Row> rows = new ArrayList<>();
      reports.report(p.tenantId(), from, to, split, interval, rules).forEach((k, f) -> rows.add(new Row(k, f)));
      ctx.json(new Report(from, to, by, rules, rows));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
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

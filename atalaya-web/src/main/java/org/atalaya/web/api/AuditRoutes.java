package org.atalaya.web.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atalaya.core.audit.AuditCheckpoints;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog.StoredAuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.audit.AuditQuery;
import org.atalaya.core.audit.AuditVerification;
import org.atalaya.core.users.Role;
import org.atalaya.web.ApiException;
import org.atalaya.web.Json;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/**
 * The audit log for auditors and admins, of their own tenant only: {@code GET /api/v1/audit}
 * (filters actor, action or "prefix.", target, from, to; paging), {@code GET
 * /api/v1/audit/export?format=csv|json} (all matching rows, itself audited) and {@code GET
 * /api/v1/audit/verify} (the installation-wide hash chain, and its end against the newest checkpoint).
 */
public final class AuditRoutes {
  /** One row as the API shows it. */
  public record AuditView(long seq, Instant at, String actor, String action, String target, String detail, String hash) {
    static AuditView of(StoredAuditEvent s) {
      AuditEvent e = s.event();
      return new AuditView(s.seq(), e.at(), e.actor(), e.action(), e.target(), e.detail(), s.hash());
    }
  }

  private static final int EXPORT_PAGE = 1000;
  private final Authenticator auth;
  private final AuditLog audit;
  private final AuditCheckpoints checkpoints;
  private final Clock clock;

  public AuditRoutes(Authenticator auth, AuditLog audit, AuditCheckpoints checkpoints, Clock clock) {
    this.auth = auth;
    this.audit = audit;
    this.checkpoints = checkpoints;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/audit", this::list);
    routes.get("/api/v1/audit/export", this::export);
    routes.get("/api/v1/audit/verify", this::verify);
  }

  private Principal auditor(Context ctx) {
    return auth.require(ctx).requireRole(Role.AUDITOR, Role.ADMIN);
  }

  private void list(Context ctx) {
    Principal p = auditor(ctx);
    AuditQuery q = query(ctx);
    Paging page = Paging.from(ctx);
    List<AuditView> items = audit.search(p.tenantId(), q, page.offset(), page.limit()).stream().map(AuditView::of).toList();
    ctx.json(new Views.Page<>(items, page.offset(), page.limit()));
  }

  private void export(Context ctx) throws IOException {
    Principal p = auditor(ctx);
    AuditQuery q = query(ctx);
    String format = ctx.queryParamAsClass("format", String.class).getOrDefault("csv");
    if (!format.equals("csv") && !format.equals("json")) {
      throw ApiException.badRequest("format: use csv or json");
    }
    // Written before the export so that the export contains its own trace.
    audit.append(new AuditEvent(p.tenantId(), clock.instant(), p.login(), "audit.export", "audit:" + p.tenantId(),
        "format=" + format + " " + describe(q)));
    ctx.contentType(format.equals("csv") ? "text/csv; charset=utf-8" : "application/json");
    ctx.header("Content-Disposition", "attachment; filename=\"audit-" + p.tenantId() + "." + format + "\"");
    Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
    out.write(format.equals("csv") ? "seq,at,actor,action,target,detail,hash\r\n" : "[");
    boolean first = true;
    for (int offset = 0; ; offset += EXPORT_PAGE) {
      List<StoredAuditEvent> rows = audit.search(p.tenantId(), q, offset, EXPORT_PAGE);
      for (StoredAuditEvent row : rows) {
        AuditView v = AuditView.of(row);
        if (format.equals("csv")) {
          out.write(v.seq() + "," + v.at() + "," + csv(v.actor()) + "," + csv(v.action()) + "," + csv(v.target()) + ","
              + csv(v.detail()) + "," + v.hash() + "\r\n");
        } else {
          out.write((first ? "" : ",") + "\n" + Json.mapper().writeValueAsString(v));
        }
        first = false;
      }
      if (rows.size() < EXPORT_PAGE) {
        break;
      }
    }
    out.write(format.equals("csv") ? "" : "\n]\n");
    out.flush();
  }

  /**
   * {@code {"intact", "rows", "firstBadRow"?, "checkpoint": {seq, hash, rows, at} or null,
   * "problems": [...]}}: the chain, and the log's end against the newest signed checkpoint.
   */
  private void verify(Context ctx) throws IOException {
    auditor(ctx);
    AuditVerification.Report report = AuditVerification.check(audit, checkpoints);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("intact", report.intact());
    body.put("rows", report.rows());
    report.firstBadRow().ifPresent(seq -> body.put("firstBadRow", seq));
    body.put("checkpoint", report.checkpoint().orElse(null));
    body.put("problems", report.problems());
    ctx.json(body);
  }

  /** RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula. */
  static String csv(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  private static AuditQuery query(Context ctx) {
    try {
      return new AuditQuery(SearchParams.text(ctx, "actor"), SearchParams.text(ctx, "action"),
          SearchParams.text(ctx, "target"), SearchParams.instant(ctx, "from", false), SearchParams.instant(ctx, "to", true));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static String describe(AuditQuery q) {
    return "actor=" + q.actor() + " action=" + q.action() + " target=" + q.target() + " from=" + q.from() + " to=" + q.to();
  }
}

package org.atalaya.web.sla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.sla.SlaAlert;
import org.atalaya.core.sla.SlaDefinition;
import org.atalaya.core.sla.SlaEvaluator;
import org.atalaya.core.sla.SlaRepository;
import org.atalaya.core.sla.SlaResult;
import org.atalaya.core.sla.WebhookConfig;
import org.atalaya.core.sla.WebhookDelivery;
import org.atalaya.core.users.Role;
import org.atalaya.web.ApiException;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/**
 * The tenant's SLAs ({@code docs/KPIS.md}): {@code GET /api/v1/sla/definitions},
 * {@code GET/PUT/DELETE /api/v1/sla/definitions/{id}}, {@code GET /api/v1/sla/breaches?from&to},
 * {@code GET /api/v1/sla/status}, {@code GET/PUT /api/v1/sla/webhook}. Admins write (audited);
 * admins, supervisors, auditors and client viewers read; only admins see the webhook, and nobody
 * gets its secret back.
 */
public final class SlaRoutes {
  private static final Duration MAX_BREACH_PERIOD = Duration.ofDays(92);
  private static final int DELIVERIES_SHOWN = 50;

  /** One definition's verdicts: the period in progress so far, and the last final one. */
  public record Status(SlaDefinition definition, SlaResult current, SlaResult last) {}

  /** The webhook as admins see it: whether a secret is set, never the secret. */
  public record WebhookView(List<URI> urls, boolean secretSet, List<WebhookDelivery> deliveries) {}

  private final Authenticator auth;
  private final SlaRepository sla;
  private final SlaEvaluator evaluator;
  private final AuditLog audit;
  private final ObjectMapper mapper;
  private final Clock clock;

  public SlaRoutes(Authenticator auth, SlaRepository sla, SlaEvaluator evaluator, AuditLog audit, ObjectMapper mapper,
      Clock clock) {
    this.auth = auth;
    this.sla = sla;
    this.evaluator = evaluator;
    this.audit = audit;
    this.mapper = mapper;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/sla/definitions", ctx -> ctx.json(Map.of("items", sla.definitions(reader(ctx).tenantId()))));
    routes.get("/api/v1/sla/definitions/{id}", ctx -> ctx.json(sla.definition(reader(ctx).tenantId(),
        ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("SLA definition"))));
    routes.put("/api/v1/sla/definitions/{id}", this::save);
    routes.delete("/api/v1/sla/definitions/{id}", ctx -> {
      Principal p = admin(ctx);
      if (!sla.deleteDefinition(p.tenantId(), ctx.pathParam("id"))) {
        throw ApiException.notFound("SLA definition");
      }
      audited(p, "sla.definition.delete", "sla:" + ctx.pathParam("id"), "");
      ctx.status(204);
    });
    routes.get("/api/v1/sla/breaches", this::breaches);
    routes.get("/api/v1/sla/status", this::status);
    routes.get("/api/v1/sla/webhook", ctx -> ctx.json(webhookView(admin(ctx).tenantId())));
    routes.put("/api/v1/sla/webhook", this::saveWebhook);
  }

  private void save(Context ctx) {
    Principal p = admin(ctx);
    SlaDefinition d = bad(() -> SlaJson.definition(ctx.pathParam("id"), body(ctx)));
    boolean created = sla.saveDefinition(p.tenantId(), d, p.login(), clock.instant());
    audited(p, "sla.definition.save", "sla:" + d.id(), d.metric().wire() + " " + d.comparator().wire() + " "
        + d.target() + " per " + d.period().wire() + (d.queue() == null ? "" : " queue " + d.queue()));
    ctx.status(created ? 201 : 200).json(d);
  }

  private void breaches(Context ctx) {
    Principal p = reader(ctx);
    Instant to = bad(() -> instant(ctx, "to", true));
    Instant from = bad(() -> instant(ctx, "from", false));
    to = to == null ? clock.instant() : to;
    from = from == null ? to.minus(Duration.ofDays(7)) : from;
    if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_BREACH_PERIOD) > 0) {
      throw ApiException.badRequest("from, to: the period must start before it ends and last at most 92 days");
    }
    List<SlaAlert> items = sla.breaches(p.tenantId(), from, to);
    ctx.json(Map.of("from", from, "to", to, "items", items));
  }

  private void status(Context ctx) {
    Principal p = reader(ctx);
    Instant now = clock.instant();
    List<Status> items = new ArrayList<>();
    for (SlaDefinition d : sla.definitions(p.tenantId())) {
      items.add(new Status(d, evaluator.inProgress(p.tenantId(), d, now),
          evaluator.closed(p.tenantId(), d, evaluator.lastFinalPeriod(d, now))));
    }
    ctx.json(Map.of("at", now, "items", items));
  }

  /** {@code {"urls": [...], "secret": "..."}}; without "secret" the stored one stays. */
  private void saveWebhook(Context ctx) {
    Principal p = admin(ctx);
    JsonNode doc = body(ctx);
    WebhookConfig config = bad(() -> {
      JsonNode urls = doc.get("urls");
      if (urls == null || !urls.isArray()) {
        throw new IllegalArgumentException("urls: a list of http or https URLs is required ([] sends nothing)");
      }
      List<URI> list = new ArrayList<>();
      urls.forEach(u -> list.add(WebhookConfig.url(u.isTextual() ? u.asText() : null)));
      String secret = doc.hasNonNull("secret") ? doc.get("secret").asText()
          : sla.webhook(p.tenantId()).map(WebhookConfig::secret).orElse(null);
      if (secret == null) {
        throw new IllegalArgumentException("secret: required the first time (" + WebhookConfig.MIN_SECRET
            + " characters or more)");
      }
      return new WebhookConfig(list, secret);
    });
    sla.saveWebhook(p.tenantId(), config, p.login(), clock.instant());
    audited(p, "sla.webhook.save", "sla-webhook:" + p.tenantId(), config.urls().size() + " URL(s)"
        + (doc.hasNonNull("secret") ? ", new secret" : ""));
    ctx.json(webhookView(p.tenantId()));
  }

  private WebhookView webhookView(String tenantId) {
    var config = sla.webhook(tenantId);
    return new WebhookView(config.map(WebhookConfig::urls).orElse(List.of()), config.isPresent(),
        sla.deliveries(tenantId, DELIVERIES_SHOWN));
  }

  private JsonNode body(Context ctx) {
    try {
      JsonNode doc = mapper.readTree(ctx.body());
      if (doc == null || !doc.isObject()) {
        throw new IllegalArgumentException();
      }
      return doc;
    } catch (Exception e) {
      throw ApiException.badRequest("body: a JSON object (see docs/KPIS.md)");
    }
  }

  /** A date (with {@code endOfDay}, the next midnight) or an instant, in UTC; null when absent. */
  private static Instant instant(Context ctx, String name, boolean endOfDay) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      if (v.length() == 10) {
        LocalDate day = LocalDate.parse(v);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + ": use 2026-11-23 or 2026-11-23T10:00:00Z, got '" + v + "'");
    }
  }

  private static <T> T bad(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private Principal reader(Context ctx) {
    return auth.require(ctx).requireRole(Role.ADMIN, Role.SUPERVISOR, Role.AUDITOR, Role.CLIENT_VIEWER);
  }

  private Principal admin(Context ctx) {
    return auth.require(ctx).requireRole(Role.ADMIN);
  }

  private void audited(Principal p, String action, String target, String detail) {
    audit.append(new AuditEvent(p.tenantId(), clock.instant(), p.login(), action, target, detail));
  }
}

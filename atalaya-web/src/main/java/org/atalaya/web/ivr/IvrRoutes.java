package org.atalaya.web.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.ivr.IvrFlow;
import org.atalaya.core.ivr.IvrRepository;
import org.atalaya.core.routing.RoutingConfig;
import org.atalaya.core.users.Role;
import org.atalaya.web.ApiException;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/**
 * The tenant's IVR flows and business hours ({@code docs/IVR.md}): {@code GET /api/v1/ivr/flows},
 * {@code GET/PUT/DELETE /api/v1/ivr/flows/{id}}, {@code GET/PUT /api/v1/ivr/hours}. Admins change
 * them (audited); admins and supervisors read them. A document is checked whole before it is
 * stored: a bad one answers 400 naming the field, and what was stored stays.
 */
public final class IvrRoutes {
  private final Authenticator auth;
  private final IvrRepository ivr;
  private final AuditLog audit;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final java.util.function.BiConsumer<String, RoutingConfig> routingSaved;

  /** {@code routingSaved} is told of each tenant's new routing, for the running ACD to apply it. */
  public IvrRoutes(Authenticator auth, IvrRepository ivr, AuditLog audit, ObjectMapper mapper, Clock clock,
      java.util.function.BiConsumer<String, RoutingConfig> routingSaved) {
    this.routingSaved = routingSaved;
    this.auth = auth;
    this.ivr = ivr;
    this.audit = audit;
    this.mapper = mapper;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/ivr/flows", ctx -> ctx.json(Map.of("items", ivr.flowIds(reader(ctx).tenantId()))));
    routes.get("/api/v1/ivr/flows/{id}", ctx -> raw(ctx, ivr.flow(reader(ctx).tenantId(), ctx.pathParam("id"))
        .orElseThrow(() -> ApiException.notFound("no such flow"))));
    routes.put("/api/v1/ivr/flows/{id}", this::saveFlow);
    routes.delete("/api/v1/ivr/flows/{id}", ctx -> {
      Principal p = admin(ctx);
      if (!ivr.deleteFlow(p.tenantId(), ctx.pathParam("id"))) {
        throw ApiException.notFound("no such flow");
      }
      audited(p, "ivr.flow.delete", "ivr-flow:" + ctx.pathParam("id"), "");
      ctx.status(204);
    });
    routes.get("/api/v1/ivr/hours", ctx -> raw(ctx, ivr.hours(reader(ctx).tenantId())
        .orElseThrow(() -> ApiException.notFound("no business hours set"))));
    routes.put("/api/v1/ivr/hours", ctx -> {
      Principal p = admin(ctx);
      JsonNode doc = body(ctx);
      try {
        IvrJson.hours(doc);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(e.getMessage());
      }
      ivr.saveHours(p.tenantId(), ctx.body(), p.login(), clock.instant());
      audited(p, "ivr.hours.save", "ivr-hours:" + p.tenantId(), "");
      ctx.status(204);
    });
    routes.get("/api/v1/routing", ctx -> raw(ctx, ivr.routing(reader(ctx).tenantId())
        .orElse("{\"queues\": [], \"agents\": {}}")));
    routes.put("/api/v1/routing", ctx -> {
      Principal p = admin(ctx);
      RoutingConfig routing;
      try {
        routing = RoutingJson.routing(body(ctx));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(e.getMessage());
      }
      ivr.saveRouting(p.tenantId(), ctx.body(), p.login(), clock.instant());
      audited(p, "routing.save", "routing:" + p.tenantId(), routing.queues().size() + " queues");
      routingSaved.accept(p.tenantId(), routing);
      ctx.status(204);
    });
  }

  private void saveFlow(Context ctx) {
    Principal p = admin(ctx);
    String id = ctx.pathParam("id");
    JsonNode doc = body(ctx);
    IvrFlow flow;
    try {
      flow = IvrJson.flow(doc);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (!flow.id().equals(id)) {
      throw ApiException.badRequest("id: the document's id '" + flow.id() + "' differs from the URL's '" + id + "'");
    }
    List<String> numbers;
    try {
      numbers = IvrJson.numbers(doc);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    for (String other : ivr.flowIds(p.tenantId())) {
      if (other.equals(id)) {
        continue;
      }
      for (String number : ivr.flow(p.tenantId(), other).map(this::numbersOf).orElse(List.of())) {
        if (numbers.contains(number)) {
          throw ApiException.conflict("numbers: " + number + " already runs flow '" + other + "'");
        }
      }
    }
    boolean existed = ivr.flow(p.tenantId(), id).isPresent();
    ivr.saveFlow(p.tenantId(), id, ctx.body(), p.login(), clock.instant());
    audited(p, "ivr.flow.save", "ivr-flow:" + id, flow.steps().size() + " steps");
    ctx.status(existed ? 200 : 201).json(Map.of("id", id, "steps", flow.steps().size()));
  }

  private List<String> numbersOf(String storedFlow) {
    try {
      return IvrJson.numbers(mapper.readTree(storedFlow));
    } catch (Exception e) {
      return List.of();
    }
  }

  private JsonNode body(Context ctx) {
    try {
      JsonNode doc = mapper.readTree(ctx.body());
      if (doc == null || !doc.isObject()) {
        throw new IllegalArgumentException();
      }
      return doc;
    } catch (Exception e) {
      throw ApiException.badRequest("body must be a JSON object (see docs/IVR.md)");
    }
  }

  private static void raw(Context ctx, String json) {
    ctx.contentType("application/json").result(json);
  }

  private Principal reader(Context ctx) {
    return auth.require(ctx).requireRole(Role.ADMIN, Role.SUPERVISOR);
  }

  private Principal admin(Context ctx) {
    Principal p = auth.require(ctx);
    p.requireAdmin();
    return p;
  }

  private void audited(Principal p, String action, String target, String detail) {
    audit.append(new AuditEvent(p.tenantId(), clock.instant(), p.login(), action, target, detail));
  }
}

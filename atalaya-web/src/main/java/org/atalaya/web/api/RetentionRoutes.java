package org.atalaya.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.atalaya.core.retention.LegalHold;
import org.atalaya.core.retention.RetentionService;
import org.atalaya.core.users.Role;
import org.atalaya.web.ApiException;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/**
 * Retention, legal holds, erasure requests and deleting a recording. Compliance (admins and
 * auditors) places and releases holds and files erasure requests; only admins change retention
 * or delete a single recording. Everything is scoped to the caller's tenant and audited by the
 * service.
 */
public final class RetentionRoutes {
  private final Authenticator auth;
  private final RetentionService retention;
  private final ObjectMapper mapper;
  private final java.time.Clock clock;

  public RetentionRoutes(Authenticator auth, RetentionService retention, ObjectMapper mapper, java.time.Clock clock) {
    this.auth = auth;
    this.retention = retention;
    this.mapper = mapper;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/retention", ctx -> ctx.json(retention.retention(compliance(ctx).tenantId())));
    routes.put("/api/v1/retention", this::setRetention);
    routes.get("/api/v1/holds", ctx -> {
      Principal p = compliance(ctx);
      ctx.json(retention.holds(p.tenantId(), "true".equals(ctx.queryParam("active"))));
    });
    routes.post("/api/v1/holds", this::hold);
    routes.delete("/api/v1/holds/{id}", ctx -> {
      Principal p = compliance(ctx);
      long id;
      try {
        id = Long.parseLong(ctx.pathParam("id"));
      } catch (NumberFormatException e) {
        throw ApiException.notFound("hold");
      }
      if (!retention.release(p.tenantId(), id, p.login())) {
        throw ApiException.notFound("active hold");
      }
      ctx.status(204);
    });
    routes.post("/api/v1/erasure-requests", this::erase);
    routes.get("/api/v1/erasure-requests/{id}", ctx -> {
      Principal p = compliance(ctx);
      String text = retention.receipt(p.tenantId(), ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("receipt"));
      ctx.contentType("text/plain; charset=utf-8").result(text);
    });
    routes.delete("/api/v1/recordings/{id}", ctx -> {
      Principal p = auth.require(ctx);
      p.requireAdmin();
      try {
        retention.deleteOne(p.tenantId(), ctx.pathParam("id"), p.login());
      } catch (NoSuchElementException e) {
        throw ApiException.notFound("recording");
      } catch (RetentionService.HeldException e) {
        throw ApiException.conflict(e.getMessage());
      }
      ctx.status(204);
    });
  }

  private Principal compliance(Context ctx) {
    return auth.require(ctx).requireRole(Role.ADMIN, Role.AUDITOR);
  }

  private void setRetention(Context ctx) {
    Principal p = auth.require(ctx);
    p.requireAdmin();
    JsonNode body = json(ctx);
    if (!body.isObject()) {
      throw ApiException.badRequest("retention is an object of queue to days; \"\" is the tenant's default: {\"\": 365, \"sales\": 90}");
    }
    Map<String, Integer> days = new LinkedHashMap<>();
    body.fields().forEachRemaining(e -> {
      if (!e.getValue().isIntegralNumber()) {
        throw ApiException.badRequest("days for '" + e.getKey() + "' must be a whole number");
      }
      days.put(e.getKey(), e.getValue().asInt());
    });
    retention.setRetention(p.tenantId(), days, p.login());
    ctx.json(retention.retention(p.tenantId()));
  }

  private void hold(Context ctx) {
    Principal p = compliance(ctx);
    JsonNode body = json(ctx);
    List<String> calls = new ArrayList<>();
    body.path("callIds").forEach(n -> calls.add(n.asText()));
    LegalHold request = new LegalHold(0, p.tenantId(), LegalHold.Kind.parse(body.path("kind").asText("")),
        text(body, "target"), text(body, "reason"), p.login(), clock.instant(), null, null, calls);
    ctx.status(201).json(retention.hold(request, p.login()));
  }

  private void erase(Context ctx) throws java.io.IOException {
    Principal p = compliance(ctx);
    JsonNode body = json(ctx);
    String number = text(body, "number");
    List<String> ids = new ArrayList<>();
    body.path("recordingIds").forEach(n -> ids.add(n.asText()));
    if ((number == null || number.isBlank()) && ids.isEmpty()) {
      throw ApiException.badRequest("say what to erase: {\"number\": \"+34...\"} or {\"recordingIds\": [...]}");
    }
    RetentionService.Receipt r = retention.erase(p.tenantId(), number, ids, p.login());
    ctx.status(201).json(Map.of("id", r.id(), "erased", r.erased(), "held", r.held(), "receiptSha256", r.sha256(),
        "receipt", r.text()));
  }

  private JsonNode json(Context ctx) {
    try {
      JsonNode n = mapper.readTree(ctx.body());
      if (n == null) {
        throw ApiException.badRequest("a JSON body is required");
      }
      return n;
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("the body is not JSON");
    }
  }

  private static String text(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }
}

package org.atalaya.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.calls.ActiveCalls;
import org.atalaya.core.users.Role;
import org.atalaya.web.ApiException;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/**
 * {@code POST /api/v1/calls/{id}/sensitive {"on":true|false}}: the card-data switch. The agent
 * on the call and the tenant's supervisors and admins may use it; other roles get 403 before
 * anything is looked up, and a call of another tenant (or, for an agent, another agent's call)
 * is 404.
 */
public final class SensitiveRoutes {
  private final Authenticator auth;
  private final LiveServices live;
  private final ObjectMapper mapper;
  private final ActiveCalls activeCalls;

  public SensitiveRoutes(Authenticator auth, LiveServices live, ObjectMapper mapper, ActiveCalls activeCalls) {
    this.auth = auth;
    this.live = live;
    this.mapper = mapper;
    this.activeCalls = activeCalls;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/calls/{id}/sensitive", this::sensitive);
  }

  private void sensitive(Context ctx) {
    Principal p = auth.require(ctx);
    if (p.role() != Role.AGENT && p.role() != Role.SUPERVISOR && p.role() != Role.ADMIN) {
      throw ApiException.forbidden();
    }
    JsonNode body;
    try {
      body = mapper.readTree(ctx.body());
    } catch (Exception e) {
      throw ApiException.badRequest("body must be JSON: {\"on\": true} or {\"on\": false}");
    }
    if (body == null || !body.path("on").isBoolean()) {
      throw ApiException.badRequest("\"on\" must be true or false");
    }
    boolean on = body.get("on").asBoolean();
    String callId = ctx.pathParam("id");
    if (p.role() == Role.AGENT) {
      // An agent switches only the call they are on.
      if (p.agentExtension() == null || !ownCall(p, callId)) {
        throw ApiException.notFound("call");
      }
    }
    ActiveCall call = live.recordingControl().sensitive(p.tenantId(), callId, on, p.login())
        .orElseThrow(() -> ApiException.notFound("call"));
    ctx.json(Map.of("callId", call.id(), "sensitive", call.sensitive()));
  }

  private boolean ownCall(Principal p, String callId) {
    return activeCalls.list(p.tenantId()).stream()
        .anyMatch(c -> c.id().equals(callId) && p.agentExtension().equals(c.agentExtension()));
  }
}

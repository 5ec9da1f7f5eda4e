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
 * What may be changed about a live call's recording: {@code POST /api/v1/calls/{id}/sensitive
 * {"on":true|false}} (the card-data switch) and {@code POST /api/v1/calls/{id}/recording
 * {"on":true|false}} (on-demand start and stop). The agent on the call and the tenant's
 * supervisors and admins may use them; other roles get 403 before anything is looked up, and a
 * call of another tenant (or, for an agent, another agent's call) is 404.
 */
public final class RecordingControlRoutes {
  private final Authenticator auth;
  private final LiveServices live;
  private final ObjectMapper mapper;
  private final ActiveCalls activeCalls;

  public RecordingControlRoutes(Authenticator auth, LiveServices live, ObjectMapper mapper, ActiveCalls activeCalls) {
    this.auth = auth;
    this.live = live;
    this.mapper = mapper;
    this.activeCalls = activeCalls;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/calls/{id}/sensitive", ctx -> {
      Switch s = switchOf(ctx);
      ActiveCall call = live.recordingControl().sensitive(s.p().tenantId(), s.callId(), s.on(), s.p().login())
          .orElseThrow(() -> ApiException.notFound("call"));
      ctx.json(Map.of("callId", call.id(), "sensitive", call.sensitive()));
    });
    routes.post("/api/v1/calls/{id}/recording", ctx -> {
      Switch s = switchOf(ctx);
      try {
        ActiveCall call = live.recordingControl().recording(s.p().tenantId(), s.callId(), s.on(), s.p().login())
            .orElseThrow(() -> ApiException.notFound("call"));
        ctx.json(Map.of("callId", call.id(), "recording", s.on()));
      } catch (IllegalStateException e) {
        throw ApiException.conflict(e.getMessage());
      }
    });
  }

  private record Switch(Principal p, String callId, boolean on) {}

  /** Who asks, about which call, on or off: refused before anything is looked up. */
  private Switch switchOf(Context ctx) {
    Principal p = auth.require(ctx).requireRole(Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
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
    return new Switch(p, callId, on);
  }

  private boolean ownCall(Principal p, String callId) {
    return activeCalls.list(p.tenantId()).stream()
        .anyMatch(c -> c.id().equals(callId) && p.agentExtension().equals(c.agentExtension()));
  }
}

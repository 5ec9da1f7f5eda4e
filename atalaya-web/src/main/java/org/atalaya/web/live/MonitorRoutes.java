package org.atalaya.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.atalaya.core.monitoring.MonitoringService;
import org.atalaya.media.MonitorMode;
import org.atalaya.web.ApiException;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/**
 * The monitoring REST API: call-me, sessions, mode changes, help. The browser's audio socket is
 * {@link MonitorSocket}. Every endpoint checks the role before looking anything up, so a user
 * without it learns nothing (403), and the tenant of the call or session (403 if another's).
 */
public final class MonitorRoutes {
  private final Authenticator auth;
  private final LiveServices live;
  private final ObjectMapper mapper;

  public MonitorRoutes(Authenticator auth, LiveServices live, ObjectMapper mapper) {
    this.auth = auth;
    this.live = live;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/calls/{id}/monitor", this::callMe);
    routes.get("/api/v1/monitor/sessions", this::sessions);
    routes.put("/api/v1/monitor/sessions/{sid}", this::changeMode);
    routes.delete("/api/v1/monitor/sessions/{sid}", this::end);
    routes.post("/api/v1/help", this::help);
    routes.delete("/api/v1/help/{callId}", this::acknowledge);
  }

  private MonitoringService monitoring() {
    return live.monitoring();
  }

  private void callMe(Context ctx) {
    Principal p = supervisor(ctx);
    JsonNode body = body(ctx);
    MonitorMode mode = mode(body.path("mode").asText("listen"));
    String via = body.path("via").asText("phone");
    if (!"phone".equals(via)) {
      throw ApiException.badRequest("via must be \"phone\" here; the browser joins through the WebSocket "
          + "/api/v1/monitor/ws?call={id}&mode={mode}");
    }
    String sessionId = live.phone().callMe(Actors.of(p), ctx.pathParam("id"), mode);
    ctx.status(202).json(Map.of("sessionId", sessionId, "mode", mode.name(), "via", "PHONE"));
  }

  private void sessions(Context ctx) {
    Principal p = supervisor(ctx);
    ctx.json(monitoring().sessions(Actors.of(p)));
  }

  private void changeMode(Context ctx) {
    Principal p = supervisor(ctx);
    MonitorMode mode = mode(body(ctx).path("mode").asText(null));
    ctx.json(monitoring().changeMode(Actors.of(p), ctx.pathParam("sid"), mode));
  }

  private void end(Context ctx) {
    Principal p = supervisor(ctx);
    monitoring().end(Actors.of(p), ctx.pathParam("sid"));
    ctx.status(204);
  }

  private void help(Context ctx) {
    Principal p = auth.require(ctx);
    boolean raised = body(ctx).path("raised").asBoolean(true);
    var h = monitoring().raiseHelp(Actors.of(p), raised);
    if (h == null) {
      ctx.status(204);
    } else {
      ctx.status(201).json(h);
    }
  }

  private void acknowledge(Context ctx) {
    Principal p = supervisor(ctx);
    monitoring().clearHelp(Actors.of(p), ctx.pathParam("callId"));
    ctx.status(204);
  }

  private Principal supervisor(Context ctx) {
    Principal p = auth.require(ctx);
    Actors.requireSupervisor(p);
    return p;
  }

  private JsonNode body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode n = mapper.readTree(text);
      if (n == null || !n.isObject()) {
        throw ApiException.badRequest("the body must be a JSON object");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  static MonitorMode mode(String text) {
    if (text == null) {
      throw ApiException.badRequest("mode is required: listen, whisper, barge or take-over");
    }
    try {
      return MonitorMode.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }
}

package org.atalaya.web.live;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import org.atalaya.core.agents.AgentAccounts;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.routing.AgentStatus;
import org.atalaya.core.routing.RoutingConfig;
import org.atalaya.core.users.Role;
import org.atalaya.web.ApiException;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/**
 * {@code GET/PUT /api/v1/agents/{extension}/state}: log in, log out, pause with a reason, ready.
 * An agent changes its own state; supervisors and admins any agent of their tenant (a supervisor
 * logs out an agent who left without doing it). Each change is audited as {@code agent.state}.
 */
public final class AgentStateRoutes {
  /** The body of a PUT: {@code {"state": "available|paused|logged-out", "reason": "lunch"}}. */
  public record Change(String state, String reason) {}

  private final Authenticator auth;
  private final LiveServices live;
  private final AgentAccounts agents;
  private final AuditLog audit;
  private final Clock clock;

  public AgentStateRoutes(Authenticator auth, LiveServices live, AgentAccounts agents, AuditLog audit, Clock clock) {
    this.auth = auth;
    this.live = live;
    this.agents = agents;
    this.audit = audit;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/agents/{extension}/state", ctx -> ctx.json(status(allowed(ctx))));
    routes.put("/api/v1/agents/{extension}/state", this::change);
    routes.get("/api/v1/pause-reasons", ctx -> {
      Principal p = auth.require(ctx);
      // Another tenant's reasons are its own business: a tenant this node does not route sees the defaults.
      ctx.json(Map.of("items", live.routes(p.tenantId()) ? live.acd().pauseReasons()
          : RoutingConfig.DEFAULT_PAUSE_REASONS));
    });
  }

  private void change(Context ctx) {
    Principal p = auth.require(ctx);
    String ext = allowed(ctx);
    Change change;
    try {
      change = ctx.bodyAsClass(Change.class);
    } catch (RuntimeException e) {
      throw ApiException.badRequest("body must be {\"state\": \"available|paused|logged-out\", \"reason\": \"...\"}");
    }
    if (change == null || change.state() == null) {
      throw ApiException.badRequest("state: available, paused or logged-out");
    }
    AgentStatus after;
    try {
      after = switch (change.state()) {
        case "available" -> {
          live.acd().login(ext);
          yield live.acd().ready(ext);
        }
        case "paused" -> {
          if (change.reason() == null || change.reason().isBlank()) {
            throw ApiException.badRequest("reason: one of " + live.acd().pauseReasons());
          }
          yield live.acd().pause(ext, change.reason());
        }
        case "logged-out" -> live.acd().logout(ext);
        default -> throw ApiException.badRequest("state: available, paused or logged-out, got '" + change.state() + "'");
      };
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("reason: " + e.getMessage());
    } catch (IllegalStateException e) {
      throw ApiException.conflict(e.getMessage());
    }
    audit.append(new AuditEvent(p.tenantId(), clock.instant(), p.login(), "agent.state", "agent:" + ext,
        change.state() + (change.reason() == null ? "" : " " + change.reason())));
    ctx.json(after);
  }

  /** The extension of the URL, if the caller may act on it: itself, or its tenant's supervisors. */
  private String allowed(Context ctx) {
    Principal p = auth.require(ctx);
    String ext = ctx.pathParam("extension");
    boolean own = ext.equals(p.agentExtension());
    if (!own) {
      p.requireRole(Role.ADMIN, Role.SUPERVISOR);
    }
    boolean ours = agents.byExtension(ext).map(a -> a.tenantId().equals(p.tenantId())).orElse(false);
    if (!ours) {
      throw ApiException.notFound("no such agent");
    }
    return ext;
  }

  private AgentStatus status(String ext) {
    return live.acd().agent(ext).orElseThrow(() -> ApiException.notFound("agent " + ext + " has never registered"));
  }
}

package org.atalaya.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.atalaya.core.agents.AgentAccounts;
import org.atalaya.core.agents.AgentRepository.DuplicateException;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.users.Role;
import org.atalaya.core.users.UserAccounts;
import org.atalaya.web.ApiException;
import org.atalaya.web.Json;
import org.atalaya.web.WebDependencies;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/** Agents' SIP accounts and web users, managed by admins within their tenant. */
public final class AdminRoutes {
  record NewAgent(String extension, String password, String name) {}

  record NewUser(String login, String password, String role, String agentExtension) {}

  private final Authenticator auth;
  private final AgentAccounts agents;
  private final UserAccounts users;
  private final WebDependencies.AgentRemoval deleter;
  private final ObjectMapper mapper;
  private final AuditLog audit;
  private final java.time.Clock clock;

  public AdminRoutes(Authenticator auth, AgentAccounts agents, UserAccounts users, WebDependencies.AgentRemoval deleter,
      ObjectMapper mapper, AuditLog audit, java.time.Clock clock) {
    this.audit = audit;
    this.clock = clock;
    this.auth = auth;
    this.agents = agents;
    this.users = users;
    this.deleter = deleter;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/agents", ctx -> ctx.json(agents.list(admin(ctx).tenantId()).stream()
        .map(Views.AgentView::of).toList()));
    routes.post("/api/v1/agents", this::addAgent);
    routes.delete("/api/v1/agents/{extension}", this::deleteAgent);
    routes.get("/api/v1/users", ctx -> ctx.json(users.list(admin(ctx).tenantId()).stream()
        .map(Views.UserView::of).toList()));
    routes.post("/api/v1/users", this::addUser);
  }

  private Principal admin(Context ctx) {
    Principal p = auth.require(ctx);
    p.requireAdmin();
    return p;
  }

  private void addAgent(Context ctx) throws DuplicateException {
    Principal p = admin(ctx);
    NewAgent req = Json.body(ctx, mapper, NewAgent.class);
    var agent = agents.add(p.tenantId(), req.extension(), req.password(), req.name());
    audit(p, "agent.add", "agent:" + agent.extension(), "name=" + agent.name());
    ctx.status(201).json(Views.AgentView.of(agent));
  }

  private void deleteAgent(Context ctx) {
    Principal p = admin(ctx);
    if (deleter == null) {
      ctx.status(501).json(java.util.Map.of("error", "not_implemented", "message", "agent deletion is not wired"));
      return;
    }
    if (!deleter.delete(p.tenantId(), ctx.pathParam("extension"))) {
      throw ApiException.notFound("agent");
    }
    audit(p, "agent.delete", "agent:" + ctx.pathParam("extension"), "");
    ctx.status(204);
  }

  private void addUser(Context ctx) throws DuplicateException {
    Principal p = admin(ctx);
    NewUser req = Json.body(ctx, mapper, NewUser.class);
    if (req.role() == null) {
      throw ApiException.badRequest("role is required");
    }
    Role role = Role.parse(req.role());
    String ext = req.agentExtension() == null || req.agentExtension().isBlank() ? null : req.agentExtension().strip();
    var user = users.add(p.tenantId(), req.login(), req.password(), role, ext);
    audit(p, "user.add", "user:" + user.login(), "role=" + role.label() + (ext == null ? "" : " extension=" + ext));
    ctx.status(201).json(Views.UserView.of(user));
  }

  private void audit(Principal p, String action, String target, String detail) {
    audit.append(new AuditEvent(p.tenantId(), clock.instant(), p.login(), action, target, detail));
  }
}

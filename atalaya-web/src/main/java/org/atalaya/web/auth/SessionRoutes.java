package org.atalaya.web.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.atalaya.core.users.LoginGuard;
import org.atalaya.web.ApiException;
import org.atalaya.web.Json;

/** POST, GET and DELETE /api/v1/session: log in (with lockout), who am I, log out; all audited. */
public final class SessionRoutes {
  record LoginRequest(String login, String password) {}

  /** What the UI shows about the logged-in user. */
  public record SessionView(String login, String role, String tenant, String agentExtension) {
    static SessionView of(Principal p) {
      return new SessionView(p.login(), p.role().label(), p.tenantId(), p.agentExtension());
    }
  }

  private final Authenticator auth;
  private final LoginGuard guard;
  private final ObjectMapper mapper;

  public SessionRoutes(Authenticator auth, LoginGuard guard, ObjectMapper mapper) {
    this.auth = auth;
    this.guard = guard;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/session", this::login);
    routes.get("/api/v1/session", ctx -> ctx.json(SessionView.of(auth.require(ctx))));
    routes.delete("/api/v1/session", this::logout);
  }

  private void login(Context ctx) {
    LoginRequest req = Json.body(ctx, mapper, LoginRequest.class);
    Principal principal = switch (guard.login(req.login(), req.password(), "session", ctx.ip())) {
      case LoginGuard.Outcome.Ok ok -> Principal.of(ok.user());
      case LoginGuard.Outcome.Locked locked -> throw ApiException.lockedOut(auth.secondsUntil(locked.until()));
      case LoginGuard.Outcome.Refused refused -> throw ApiException.badCredentials();
    };
    auth.startSession(ctx, principal);
    ctx.json(SessionView.of(principal));
  }

  private void logout(Context ctx) {
    auth.endSession(ctx).ifPresent(p -> guard.loggedOut(p.tenantId(), p.login()));
    ctx.json(Map.of("ok", true));
  }
}

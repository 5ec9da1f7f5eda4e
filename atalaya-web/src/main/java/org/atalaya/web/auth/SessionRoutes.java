package org.atalaya.web.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.atalaya.core.users.UserAccounts;
import org.atalaya.web.ApiException;
import org.atalaya.web.Json;

/** POST, GET and DELETE /api/v1/session: log in, who am I, log out. */
public final class SessionRoutes {
  record LoginRequest(String login, String password) {}

  /** What the UI shows about the logged-in user. */
  public record SessionView(String login, String role, String tenant, String agentExtension) {
    static SessionView of(Principal p) {
      return new SessionView(p.login(), p.role().label(), p.tenantId(), p.agentExtension());
    }
  }

  private final Authenticator auth;
  private final Sessions sessions;
  private final UserAccounts users;
  private final ObjectMapper mapper;

  public SessionRoutes(Authenticator auth, Sessions sessions, UserAccounts users, ObjectMapper mapper) {
    this.auth = auth;
    this.sessions = sessions;
    this.users = users;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/session", this::login);
    routes.get("/api/v1/session", ctx -> ctx.json(SessionView.of(auth.require(ctx))));
    routes.delete("/api/v1/session", this::logout);
  }

  private void login(Context ctx) {
    LoginRequest req = Json.body(ctx, mapper, LoginRequest.class);
    Principal principal = users.authenticate(req.login(), req.password()).map(Principal::of)
        .orElseThrow(ApiException::badCredentials);
    Authenticator.setCookie(ctx, sessions.create(principal));
    ctx.json(SessionView.of(principal));
  }

  private void logout(Context ctx) {
    sessions.remove(ctx.cookie(Authenticator.COOKIE));
    Authenticator.clearCookie(ctx);
    ctx.json(Map.of("ok", true));
  }
}

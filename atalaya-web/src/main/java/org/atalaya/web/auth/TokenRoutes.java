package org.atalaya.web.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.atalaya.core.users.ApiToken;
import org.atalaya.core.users.ApiTokens;
import org.atalaya.core.users.Role;
import org.atalaya.web.ApiException;
import org.atalaya.web.Json;

/**
 * API tokens for integrations: {@code POST /api/v1/tokens} issues one acting as the caller (the
 * secret is in this response only), {@code GET} lists the caller's (an admin's {@code ?all=true}:
 * the tenant's), {@code DELETE /api/v1/tokens/{id}} revokes the caller's own, or any of the
 * tenant's for an admin.
 */
public final class TokenRoutes {
  record NewToken(String name) {}

  record TokenView(long id, String login, String name, Instant createdAt, Instant lastUsedAt) {
    static TokenView of(ApiToken t) {
      return new TokenView(t.id(), t.login(), t.name(), t.createdAt(), t.lastUsedAt());
    }
  }

  private final Authenticator auth;
  private final ApiTokens tokens;
  private final ObjectMapper mapper;

  public TokenRoutes(Authenticator auth, ApiTokens tokens, ObjectMapper mapper) {
    this.auth = auth;
    this.tokens = tokens;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/tokens", this::issue);
    routes.get("/api/v1/tokens", this::list);
    routes.delete("/api/v1/tokens/{id}", this::revoke);
  }

  private void issue(Context ctx) {
    Principal p = auth.require(ctx);
    NewToken req = Json.body(ctx, mapper, NewToken.class);
    ApiTokens.Issued issued = tokens.issue(p.tenantId(), p.login(), req.name());
    ctx.status(201).json(Map.of("id", issued.token().id(), "name", issued.token().name(),
        "createdAt", issued.token().createdAt(), "secret", issued.secret()));
  }

  private void list(Context ctx) {
    Principal p = auth.require(ctx);
    boolean all = "true".equals(ctx.queryParam("all"));
    if (all) {
      p.requireAdmin();
    }
    List<TokenView> views = tokens.list(p.tenantId(), all ? null : p.login()).stream().map(TokenView::of).toList();
    ctx.json(Map.of("items", views));
  }

  private void revoke(Context ctx) {
    Principal p = auth.require(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("id: not a token id");
    }
    ApiToken token = tokens.get(p.tenantId(), id).orElseThrow(() -> ApiException.notFound("token " + id));
    if (p.role() != Role.ADMIN && !token.login().equals(p.login())) {
      throw ApiException.notFound("token " + id); // someone else's token is not even listed
    }
    tokens.revoke(p.tenantId(), p.login(), id);
    ctx.status(204);
  }
}

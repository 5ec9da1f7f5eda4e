package org.atalaya.web.auth;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.atalaya.core.users.UserAccounts;
import org.atalaya.web.ApiException;

/** Finds the principal of a request from the session cookie or, for API clients, HTTP Basic. */
public final class Authenticator {
  public static final String COOKIE = "atalaya_session";
  private static final String ATTRIBUTE = "atalaya.principal";

  private final Sessions sessions;
  private final UserAccounts users;

  public Authenticator(Sessions sessions, UserAccounts users) {
    this.sessions = sessions;
    this.users = users;
  }

  /** The principal, or 401. */
  public Principal require(Context ctx) {
    return current(ctx).orElseThrow(ApiException::unauthorized);
  }

  /** The principal if the request is authenticated; computed once per request. */
  public Optional<Principal> current(Context ctx) {
    Principal cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Principal> found = sessions.resolve(ctx.cookie(COOKIE)).or(() -> basic(ctx.header("Authorization")));
    found.ifPresent(p -> ctx.attribute(ATTRIBUTE, p));
    return found;
  }

  private Optional<Principal> basic(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    return users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1)).map(Principal::of);
  }

  /** Sets the session cookie: not readable by scripts, never sent on cross-site requests. */
  public static void setCookie(Context ctx, String token) {
    ctx.res().addHeader("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict"
        + (ctx.req().isSecure() ? "; Secure" : ""));
  }

  public static void clearCookie(Context ctx) {
    ctx.res().addHeader("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  }
}

package org.atalaya.web.auth;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.atalaya.core.users.ApiTokens;
import org.atalaya.core.users.LoginGuard;
import org.atalaya.web.ApiException;

/**
 * Finds the principal of a request: the session cookie (browsers), a Bearer API token
 * (integrations), or HTTP Basic (scripts; subject to the same lockout as the login form).
 *
 * <p>CSRF: a cookie is sent by the browser whatever page made the request, so an unsafe request
 * authenticated by the cookie must also carry the session's CSRF token in {@code X-CSRF-Token}
 * (double submit: the token is in a script-readable cookie only this site can read). SameSite=
 * Strict already stops cross-site requests in current browsers; the token covers older ones and
 * same-site subdomains. Bearer and Basic requests carry their credentials explicitly, so need none.
 */
public final class Authenticator {
  public static final String COOKIE = "atalaya_session";
  public static final String CSRF_COOKIE = "atalaya_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String ATTRIBUTE = "atalaya.principal";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private final Sessions sessions;
  private final LoginGuard guard;
  private final ApiTokens tokens;
  private final Clock clock;

  public Authenticator(Sessions sessions, LoginGuard guard, ApiTokens tokens, Clock clock) {
    this.sessions = sessions;
    this.guard = guard;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** The principal, or 401. */
  public Principal require(Context ctx) {
    return current(ctx).orElseThrow(ApiException::unauthorized);
  }

  /** The principal if the request is authenticated; computed once per request. 429 while Basic is locked out. */
  public Optional<Principal> current(Context ctx) {
    Principal cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Principal> found = sessions.resolve(ctx.cookie(COOKIE)).or(() -> header(ctx.header("Authorization"), ctx.ip()));
    found.ifPresent(p -> ctx.attribute(ATTRIBUTE, p));
    return found;
  }

  /** Before every API request: an unsafe request on a cookie session needs the CSRF token. */
  public void checkCsrf(Context ctx) {
    if (SAFE.contains(ctx.method().name()) || (ctx.method().name().equals("POST") && ctx.path().equals("/api/v1/session"))) {
      return;
    }
    String cookie = ctx.cookie(COOKIE);
    Optional<String> expected = sessions.csrf(cookie);
    if (expected.isEmpty()) {
      return; // not a live cookie session: Bearer, Basic or anonymous, decided by the route
    }
    String given = ctx.header(CSRF_HEADER);
    if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        expected.get().getBytes(StandardCharsets.UTF_8))) {
      throw ApiException.csrf();
    }
  }

  /** Starts a browser session: the HttpOnly session cookie and the script-readable CSRF cookie. */
  public void startSession(Context ctx, Principal principal) {
    String token = sessions.create(principal);
    String secure = ctx.req().isSecure() ? "; Secure" : "";
    ctx.res().addHeader("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + secure);
    ctx.res().addHeader("Set-Cookie", CSRF_COOKIE + "=" + sessions.csrf(token).orElseThrow()
        + "; Path=/; SameSite=Strict" + secure);
  }

  /** Ends the browser session of this request, if any; returns its principal. */
  public Optional<Principal> endSession(Context ctx) {
    String token = ctx.cookie(COOKIE);
    Optional<Principal> who = sessions.resolve(token);
    sessions.remove(token);
    ctx.res().addHeader("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    ctx.res().addHeader("Set-Cookie", CSRF_COOKIE + "=; Path=/; Max-Age=0; SameSite=Strict");
    return who;
  }

  /** Seconds until {@code until}, for Retry-After. */
  long secondsUntil(java.time.Instant until) {
    return Math.max(1, Duration.between(clock.instant(), until).toSeconds());
  }

  private Optional<Principal> header(String header, String source) {
    if (header == null) {
      return Optional.empty();
    }
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return tokens.authenticate(header.substring(7).trim()).map(Principal::of);
    }
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
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
    return switch (guard.login(decoded.substring(0, colon), decoded.substring(colon + 1), "basic", source)) {
      case LoginGuard.Outcome.Ok ok -> Optional.of(Principal.of(ok.user()));
      case LoginGuard.Outcome.Locked locked -> throw ApiException.lockedOut(secondsUntil(locked.until()));
      case LoginGuard.Outcome.Refused refused -> Optional.empty();
    };
  }
}

package org.atalaya.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.atalaya.core.crypto.Secrets;

/**
 * Logged-in browser sessions, in memory, keyed by a 256-bit random token and expiring after an
 * idle period. A restart logs everybody out, which is acceptable for a single node.
 *
 * <p>Threading: called concurrently from request (virtual) threads; the map is concurrent and a
 * session's last-seen time is replaced atomically through {@code computeIfPresent}.
 */
public final class Sessions {
  public static final Duration DEFAULT_IDLE = Duration.ofHours(8);

  private record Entry(Principal principal, Instant lastSeen, String csrf) {}

  private final Map<String, Entry> byToken = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration idle;

  public Sessions(Clock clock, Duration idle) {
    this.clock = clock;
    this.idle = idle;
  }

  /** Starts a session and returns its token. */
  public String create(Principal principal) {
    purgeExpired();
    String token = randomToken();
    byToken.put(token, new Entry(principal, clock.instant(), randomToken()));
    return token;
  }

  /** The session's CSRF token, which unsafe requests must echo in X-CSRF-Token. */
  public Optional<String> csrf(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(byToken.get(token)).map(Entry::csrf);
  }

  private static String randomToken() {
    return Secrets.randomToken(32);
  }

  /** The session's principal if the token is live; touching it restarts the idle period. */
  public Optional<Principal> resolve(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Entry entry = byToken.computeIfPresent(token, (t, e) -> expired(e, now) ? null : new Entry(e.principal(), now, e.csrf()));
    return Optional.ofNullable(entry).map(Entry::principal);
  }

  public void remove(String token) {
    if (token != null) {
      byToken.remove(token);
    }
  }

  private boolean expired(Entry e, Instant now) {
    return e.lastSeen().plus(idle).isBefore(now);
  }

  private void purgeExpired() {
    Instant now = clock.instant();
    byToken.entrySet().removeIf(e -> expired(e.getValue(), now));
  }
}

package org.atalaya.core.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.crypto.Secrets;

/**
 * Issues, checks and revokes API tokens. A secret is {@code atk_} plus 256 random bits; only its
 * SHA-256 is stored, which is enough because the secret has full entropy (a slow hash such as
 * Argon2 protects guessable passwords, not random keys, and would cost every API call).
 */
public final class ApiTokens {
  public static final String PREFIX = "atk_";
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  /** A new token and its secret, which is shown once. */
  public record Issued(ApiToken token, String secret) {}

  private final ApiTokenRepository repository;
  private final UserRepository users;
  private final AuditLog audit;
  private final Clock clock;

  public ApiTokens(ApiTokenRepository repository, UserRepository users, AuditLog audit, Clock clock) {
    this.repository = Objects.requireNonNull(repository);
    this.users = Objects.requireNonNull(users);
    this.audit = Objects.requireNonNull(audit);
    this.clock = Objects.requireNonNull(clock);
  }

  /** Issues a token acting as {@code login}; IllegalArgumentException on a blank or long name. */
  public Issued issue(String tenantId, String login, String name) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException("name: give the token a name of 1 to 100 characters");
    }
    String secret = PREFIX + Secrets.randomToken(32);
    ApiToken token = repository.insert(tenantId, login, name.strip(), Secrets.sha256Hex(secret), clock.instant());
    audit(tenantId, login, "token.create", token);
    return new Issued(token, secret);
  }

  /** The owner of a live token; empty for unknown secrets and for tokens whose owner is gone. */
  public Optional<User> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      return Optional.empty();
    }
    Optional<ApiToken> token = repository.bySecretHash(Secrets.sha256Hex(secret));
    if (token.isEmpty()) {
      return Optional.empty();
    }
    ApiToken t = token.get();
    Instant now = clock.instant();
    if (t.lastUsedAt() == null || t.lastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
      repository.touch(t.id(), now);
    }
    return users.byLogin(t.login()).filter(u -> u.tenantId().equals(t.tenantId()));
  }

  public List<ApiToken> list(String tenantId, String loginOrNull) {
    return repository.list(tenantId, loginOrNull);
  }

  public Optional<ApiToken> get(String tenantId, long id) {
    return repository.byId(tenantId, id);
  }

  /** Revokes a token of the tenant; true if it existed. */
  public boolean revoke(String tenantId, String actor, long id) {
    Optional<ApiToken> token = repository.byId(tenantId, id);
    if (token.isEmpty() || !repository.delete(tenantId, id)) {
      return false;
    }
    audit(tenantId, actor, "token.revoke", token.get());
    return true;
  }

  private void audit(String tenantId, String actor, String action, ApiToken t) {
    audit.append(new AuditEvent(tenantId, clock.instant(), actor, action, "token:" + t.id(),
        "owner=" + t.login() + " name=" + t.name()));
  }
}

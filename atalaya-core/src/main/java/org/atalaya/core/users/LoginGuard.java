package org.atalaya.core.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;

/**
 * Password checks with lockout and an audit trail: after {@link #MAX_FAILURES} failed logins for
 * one login name within {@link #WINDOW}, that login is refused for {@link #LOCKOUT}, even with
 * the right password (a password-guessing attack gets nowhere, and the owner learns of it).
 * Interactive logins and every failure, lockout and refusal are audited; a successful HTTP Basic
 * request (an API client, one per call) is not, or the log would drown.
 */
public final class LoginGuard {
  public static final int MAX_FAILURES = 5;
  public static final Duration WINDOW = Duration.ofMinutes(15);
  public static final Duration LOCKOUT = Duration.ofMinutes(15);
  /** Audit rows about a login that does not exist belong to no tenant. */
  public static final String NO_TENANT = "-";

  private final UserAccounts users;
  private final UserRepository repository;
  private final LoginAttempts attempts;
  private final AuditLog audit;
  private final Clock clock;

  public LoginGuard(UserAccounts users, UserRepository repository, LoginAttempts attempts, AuditLog audit, Clock clock) {
    this.users = Objects.requireNonNull(users);
    this.repository = Objects.requireNonNull(repository);
    this.attempts = Objects.requireNonNull(attempts);
    this.audit = Objects.requireNonNull(audit);
    this.clock = Objects.requireNonNull(clock);
  }

  /** The outcome of a login attempt. */
  public sealed interface Outcome {
    record Ok(User user) implements Outcome {}

    record Refused() implements Outcome {}

    record Locked(Instant until) implements Outcome {}
  }

  /** Checks a login; {@code via} is "session" (interactive) or "basic" (API client). */
  public Outcome login(String login, String password, String via) {
    if (login == null || login.isBlank()) {
      return new Outcome.Refused();
    }
    Instant now = clock.instant();
    String tenant = repository.byLogin(login).map(User::tenantId).orElse(NO_TENANT);
    Optional<LoginAttempts.State> state = attempts.get(login);
    if (state.isPresent() && state.get().lockedUntil() != null && state.get().lockedUntil().isAfter(now)) {
      audit(tenant, login, "login.refused", "locked until " + state.get().lockedUntil() + " via=" + via);
      return new Outcome.Locked(state.get().lockedUntil());
    }
    Optional<User> user = users.authenticate(login, password);
    if (user.isPresent()) {
      if (state.isPresent()) {
        attempts.clear(login);
      }
      if (!"basic".equals(via)) {
        audit(tenant, login, "login.ok", "via=" + via);
      }
      return new Outcome.Ok(user.get());
    }
    LoginAttempts.State s = state.filter(x -> x.firstFailure().plus(WINDOW).isAfter(now))
        .map(x -> new LoginAttempts.State(x.failures() + 1, x.firstFailure(), null))
        .orElse(new LoginAttempts.State(1, now, null));
    if (s.failures() >= MAX_FAILURES) {
      s = new LoginAttempts.State(s.failures(), s.firstFailure(), now.plus(LOCKOUT));
      attempts.put(login, s);
      audit(tenant, login, "login.fail", "via=" + via + " failures=" + s.failures());
      audit(tenant, login, "login.lockout", "locked until " + s.lockedUntil() + " after " + s.failures()
          + " failures in " + WINDOW.toMinutes() + " min");
      return new Outcome.Locked(s.lockedUntil());
    }
    attempts.put(login, s);
    audit(tenant, login, "login.fail", "via=" + via + " failures=" + s.failures());
    return new Outcome.Refused();
  }

  /** Audits a logout. */
  public void loggedOut(String tenantId, String login) {
    audit(tenantId, login, "logout", "");
  }

  private void audit(String tenant, String login, String action, String detail) {
    audit.append(new AuditEvent(tenant, clock.instant(), login, action, "user:" + login, detail));
  }
}

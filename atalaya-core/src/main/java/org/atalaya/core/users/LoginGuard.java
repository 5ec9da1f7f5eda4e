package org.atalaya.core.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;

/**
 * Password checks with lockout and an audit trail. After {@link #MAX_FAILURES} failed logins for
 * one login name from one source address within {@link #WINDOW}, that login is refused from that
 * address, even with the right password, for a lockout that doubles each time in a row (from
 * {@link #FIRST_LOCKOUT} to {@link #MAX_LOCKOUT}): a password-guessing attack gets nowhere, and the
 * owner learns of it. The lock is per (login, source), never global, so a stranger cannot lock the
 * admin out; API tokens are never locked, and {@code atalaya user unlock} lifts a lockout.
 * Interactive logins and every failure, lockout and refusal are audited, with the source; a
 * successful HTTP Basic request (an API client, one per call) is not, or the log would drown.
 */
public final class LoginGuard {
  public static final int MAX_FAILURES = 5;
  public static final Duration WINDOW = Duration.ofMinutes(15);
  public static final Duration FIRST_LOCKOUT = Duration.ofMinutes(1);
  public static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);
  /** A lockout this long after the previous one ended starts the doubling again. */
  public static final Duration LOCKOUT_MEMORY = Duration.ofHours(24);
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

  /**
   * Checks a login from {@code source} (the client's address); {@code via} is "session"
   * (interactive) or "basic" (API client).
   */
  public Outcome login(String login, String password, String via, String source) {
    if (login == null || login.isBlank()) {
      return new Outcome.Refused();
    }
    String from = source == null || source.isBlank() ? "unknown" : source;
    Instant now = clock.instant();
    String tenant = repository.byLogin(login).map(User::tenantId).orElse(NO_TENANT);
    Optional<LoginAttempts.State> state = attempts.get(login, from);
    if (state.isPresent() && state.get().lockedUntil() != null && state.get().lockedUntil().isAfter(now)) {
      audit(tenant, login, "login.refused", "locked until " + state.get().lockedUntil() + " via=" + via + " from=" + from);
      return new Outcome.Locked(state.get().lockedUntil());
    }
    Optional<User> user = users.authenticate(login, password);
    if (user.isPresent()) {
      if (state.isPresent()) {
        attempts.clear(login, from);
      }
      if (!"basic".equals(via)) {
        audit(tenant, login, "login.ok", "via=" + via + " from=" + from);
      }
      return new Outcome.Ok(user.get());
    }
    LoginAttempts.State s = next(state, now);
    if (s.failures() >= MAX_FAILURES) {
      int lockouts = s.lockouts() + 1;
      Instant until = now.plus(lockout(lockouts));
      // The count starts again after the lockout: MAX_FAILURES more guesses, then a longer one.
      attempts.put(login, from, new LoginAttempts.State(0, until, until, lockouts));
      audit(tenant, login, "login.fail", "via=" + via + " from=" + from + " failures=" + s.failures());
      audit(tenant, login, "login.lockout", "from " + from + " locked until " + until + " after " + s.failures()
          + " failures (lockout " + lockouts + " in a row)");
      return new Outcome.Locked(until);
    }
    attempts.put(login, from, s);
    audit(tenant, login, "login.fail", "via=" + via + " from=" + from + " failures=" + s.failures());
    return new Outcome.Refused();
  }

  /** The state after one more failure: counted in the window, lockouts remembered for a day. */
  private static LoginAttempts.State next(Optional<LoginAttempts.State> state, Instant now) {
    if (state.isEmpty()) {
      return new LoginAttempts.State(1, now, null, 0);
    }
    LoginAttempts.State x = state.get();
    int lockouts = x.lockedUntil() != null && x.lockedUntil().plus(LOCKOUT_MEMORY).isAfter(now) ? x.lockouts() : 0;
    if (x.failures() > 0 && x.firstFailure().plus(WINDOW).isAfter(now)) {
      return new LoginAttempts.State(x.failures() + 1, x.firstFailure(), x.lockedUntil(), lockouts);
    }
    return new LoginAttempts.State(1, now, x.lockedUntil(), lockouts);
  }

  /** The {@code n}th lockout in a row: 1, 2, 4, 8 minutes, then 15. */
  public static Duration lockout(int n) {
    Duration d = FIRST_LOCKOUT.multipliedBy(1L << Math.min(n - 1, 10));
    return d.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : d;
  }

  /**
   * Lifts every lockout of {@code login} (break glass, from the CLI on the node's own machine);
   * audited as {@code by}. Returns how many sources were locked or counting.
   */
  public int unlock(String login, String by) {
    int n = attempts.clearAll(login);
    String tenant = repository.byLogin(login).map(User::tenantId).orElse(NO_TENANT);
    audit.append(new AuditEvent(tenant, clock.instant(), by, "login.unlock", "user:" + login, "sources=" + n));
    return n;
  }

  /** Audits a logout. */
  public void loggedOut(String tenantId, String login) {
    audit(tenantId, login, "logout", "");
  }

  private void audit(String tenant, String login, String action, String detail) {
    audit.append(new AuditEvent(tenant, clock.instant(), login, action, "user:" + login, detail));
  }
}

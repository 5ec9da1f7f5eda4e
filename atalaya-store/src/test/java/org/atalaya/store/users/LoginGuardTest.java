package org.atalaya.store.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.atalaya.core.users.LoginGuard;
import org.atalaya.core.users.LoginGuard.Outcome;
import org.atalaya.core.users.Role;
import org.atalaya.core.users.UserAccounts;
import org.atalaya.store.Database;
import org.atalaya.store.audit.JdbiAuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Web login lockout per (login, source address) with a growing back-off, on the real repositories:
 * a stranger guessing the admin's password locks out only the stranger's address.
 */
class LoginGuardTest {
  private static final String PASSWORD = "correct-horse-1";
  private static final String ATTACKER = "203.0.113.66";
  private static final String OFFICE = "198.51.100.10";

  private final MovingClock clock = new MovingClock(Instant.parse("2026-11-23T12:00:00Z"));
  private Database db;
  private JdbiAuditLog audit;
  private LoginGuard guard;

  @BeforeEach
  void open() throws Exception {
    db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    JdbiUserRepository users = new JdbiUserRepository(db.jdbi());
    UserAccounts accounts = new UserAccounts(users, clock);
    accounts.add("default", "admin", PASSWORD, Role.ADMIN, null);
    audit = new JdbiAuditLog(db.jdbi());
    guard = new LoginGuard(accounts, users, new JdbiLoginAttempts(db.jdbi()), audit, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aStrangersGuessesLockOnlyTheStrangersAddress() {
    for (int i = 1; i < LoginGuard.MAX_FAILURES; i++) {
      assertThat(guard.login("admin", "guess-" + i, "basic", ATTACKER)).isInstanceOf(Outcome.Refused.class);
    }
    assertThat(guard.login("admin", "guess-5", "basic", ATTACKER)).isInstanceOf(Outcome.Locked.class);
    assertThat(guard.login("admin", PASSWORD, "basic", ATTACKER)).as("locked, right password or not")
        .isInstanceOf(Outcome.Locked.class);
    assertThat(guard.login("admin", PASSWORD, "session", OFFICE)).as("the admin at the office is not locked out")
        .isInstanceOf(Outcome.Ok.class);
    assertThat(audit.forTarget("default", "user:admin")).extracting(e -> e.event().detail())
        .anyMatch(d -> d.startsWith("from " + ATTACKER + " locked until"));
  }

  @Test
  void eachLockoutInARowLastsTwiceAsLongUpToFifteenMinutes() {
    // Each password check costs a real hash: three lockouts over the wire, the cap from the rule.
    assertThat(LoginGuard.lockout(4)).isEqualTo(Duration.ofMinutes(8));
    assertThat(LoginGuard.lockout(5)).isEqualTo(LoginGuard.MAX_LOCKOUT);
    assertThat(LoginGuard.lockout(40)).isEqualTo(LoginGuard.MAX_LOCKOUT);
    long[] expectedSeconds = {60, 120, 240};
    for (long seconds : expectedSeconds) {
      Outcome last = null;
      for (int i = 0; i < LoginGuard.MAX_FAILURES; i++) {
        last = guard.login("admin", "guess", "basic", ATTACKER);
      }
      assertThat(last).isInstanceOf(Outcome.Locked.class);
      assertThat(Duration.between(clock.instant(), ((Outcome.Locked) last).until()).toSeconds()).isEqualTo(seconds);
      clock.advance(Duration.ofSeconds(seconds - 1));
      assertThat(guard.login("admin", PASSWORD, "basic", ATTACKER)).as("a second before the end")
          .isInstanceOf(Outcome.Locked.class);
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(guard.login("admin", PASSWORD, "basic", ATTACKER)).as("the lockout over, the right password works")
        .isInstanceOf(Outcome.Ok.class);
  }

  @Test
  void aDayWithoutLockoutStartsTheBackOffAgain() {
    lockOut();
    clock.advance(Duration.ofMinutes(1));
    lockOut();
    clock.advance(Duration.ofMinutes(2).plus(LoginGuard.LOCKOUT_MEMORY));
    Outcome third = lockOut();
    assertThat(Duration.between(clock.instant(), ((Outcome.Locked) third).until())).isEqualTo(LoginGuard.FIRST_LOCKOUT);
  }

  @Test
  void breakGlassUnlockLiftsEveryAddressAndIsAudited() {
    lockOut();
    assertThat(guard.unlock("admin", "cli")).isEqualTo(1);
    assertThat(guard.login("admin", PASSWORD, "session", ATTACKER)).isInstanceOf(Outcome.Ok.class);
    assertThat(audit.forTarget("default", "user:admin")).extracting(e -> e.event().action()).contains("login.unlock");
  }

  private Outcome lockOut() {
    Outcome last = null;
    for (int i = 0; i < LoginGuard.MAX_FAILURES; i++) {
      last = guard.login("admin", "guess", "basic", ATTACKER);
    }
    assertThat(last).isInstanceOf(Outcome.Locked.class);
    return last;
  }

  /** A clock the test moves by hand. */
  private static final class MovingClock extends Clock {
    private Instant now;

    MovingClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}

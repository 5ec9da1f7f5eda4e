package org.atalaya.store.users;

import java.util.Optional;
import org.atalaya.core.users.LoginAttempts;
import org.atalaya.store.Sql;
import org.jdbi.v3.core.Jdbi;

/** Failed logins in {@code login_attempts}, one row per (login, source). */
public final class JdbiLoginAttempts implements LoginAttempts {
  private final Jdbi jdbi;

  public JdbiLoginAttempts(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<State> get(String login, String source) {
    return jdbi.withHandle(h -> h.createQuery("SELECT failures, first_failure_at, locked_until, lockouts"
            + " FROM login_attempts WHERE login = :login AND source = :source")
        .bind("login", login).bind("source", source)
        .map((rs, ctx) -> new State(rs.getInt("failures"), Sql.instant(rs, "first_failure_at"),
            Sql.instant(rs, "locked_until"), rs.getInt("lockouts")))
        .findOne());
  }

  @Override
  public void put(String login, String source, State s) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM login_attempts WHERE login = :login AND source = :source")
          .bind("login", login).bind("source", source).execute();
      h.createUpdate("INSERT INTO login_attempts (login, source, failures, first_failure_at, locked_until, lockouts)"
              + " VALUES (:login, :source, :failures, :first, :until, :lockouts)")
          .bind("login", login).bind("source", source).bind("failures", s.failures())
          .bind("first", Sql.millis(s.firstFailure())).bind("until", Sql.millis(s.lockedUntil()))
          .bind("lockouts", s.lockouts()).execute();
    });
  }

  @Override
  public void clear(String login, String source) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_attempts WHERE login = :login AND source = :source")
        .bind("login", login).bind("source", source).execute());
  }

  @Override
  public int clearAll(String login) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM login_attempts WHERE login = :login")
        .bind("login", login).execute());
  }
}

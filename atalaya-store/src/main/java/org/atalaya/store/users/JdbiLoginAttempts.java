package org.atalaya.store.users;

import java.util.Optional;
import org.atalaya.core.users.LoginAttempts;
import org.atalaya.store.Sql;
import org.jdbi.v3.core.Jdbi;

/** Failed logins in {@code login_attempts}. */
public final class JdbiLoginAttempts implements LoginAttempts {
  private final Jdbi jdbi;

  public JdbiLoginAttempts(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<State> get(String login) {
    return jdbi.withHandle(h -> h.createQuery("SELECT failures, first_failure_at, locked_until FROM login_attempts"
            + " WHERE login = :login")
        .bind("login", login)
        .map((rs, ctx) -> new State(rs.getInt("failures"), Sql.instant(rs, "first_failure_at"),
            Sql.instant(rs, "locked_until")))
        .findOne());
  }

  @Override
  public void put(String login, State s) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM login_attempts WHERE login = :login").bind("login", login).execute();
      h.createUpdate("INSERT INTO login_attempts (login, failures, first_failure_at, locked_until)"
              + " VALUES (:login, :failures, :first, :until)")
          .bind("login", login).bind("failures", s.failures()).bind("first", Sql.millis(s.firstFailure()))
          .bind("until", Sql.millis(s.lockedUntil())).execute();
    });
  }

  @Override
  public void clear(String login) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_attempts WHERE login = :login").bind("login", login).execute());
  }
}

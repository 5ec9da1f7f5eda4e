package org.atalaya.core.users;

import java.time.Instant;
import java.util.Optional;

/** Failed logins per login name, kept in the database so a restart does not lift a lockout. */
public interface LoginAttempts {
  /** Failures since {@code firstFailure}; {@code lockedUntil} set while locked out. */
  record State(int failures, Instant firstFailure, Instant lockedUntil) {}

  Optional<State> get(String login);

  void put(String login, State state);

  void clear(String login);
}

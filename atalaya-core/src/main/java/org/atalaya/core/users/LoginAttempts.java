package org.atalaya.core.users;

import java.time.Instant;
import java.util.Optional;

/**
 * Failed logins per (login name, source address), kept in the database so a restart does not lift
 * a lockout.
 */
public interface LoginAttempts {
  /**
   * Failures since {@code firstFailure}; {@code lockedUntil} set while locked out; {@code lockouts}
   * the lockouts in a row, which make the next one longer.
   */
  record State(int failures, Instant firstFailure, Instant lockedUntil, int lockouts) {}

  Optional<State> get(String login, String source);

  void put(String login, String source, State state);

  void clear(String login, String source);

  /** Lifts every lockout of a login, from any source (the break-glass CLI); returns how many. */
  int clearAll(String login);
}

package org.atalaya.core.calls;

/**
 * Told of every live call's changes, for the dashboard and monitoring. Called from the call's
 * mailbox: implementations must be quick and must not call back into the call synchronously.
 */
public interface CallObserver {
  /** The call's state or agent changed (a new snapshot). */
  default void changed(ActiveCall call) {}

  /** The call ended; {@code last} is its final snapshot. */
  default void ended(ActiveCall last) {}

  /** The agent pressed the help code (*0) on the call. */
  default void helpRequested(ActiveCall call) {}

  /**
   * The sensitive segment was switched on or off by {@code actor} (a login, {@code sip:<ext>}
   * for the agent's keypad); {@code call} is the new snapshot.
   */
  default void sensitiveChanged(ActiveCall call, boolean on, String actor) {}

  /** The call's recording was started or stopped on demand by {@code actor}. */
  default void recordingChanged(ActiveCall call, boolean on, String actor) {}
}

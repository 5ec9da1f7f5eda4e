package org.atalaya.core.calls;

import java.util.Optional;

/**
 * Transfers of live calls from the web or the API. Each returns the call's new snapshot, or empty
 * when the tenant has no such live call. IllegalArgumentException for a target that cannot take
 * the call (unknown, logged out, nobody serving the queue); IllegalStateException when the call
 * is not in a state to do it (not connected, a transfer already in progress, none to complete).
 */
public interface CallTransfers {
  /**
   * Blind: the agent leaves at once and the caller, hearing music, waits for the target.
   * Attended: the caller waits with music while the agent talks to the target agent; then
   * {@link #completeTransfer} or {@link #cancelTransfer}.
   */
  Optional<ActiveCall> transfer(String tenantId, String callId, TransferTarget target, boolean attended, String actor);

  /** The consulted agent takes the caller; the first agent leaves. */
  Optional<ActiveCall> completeTransfer(String tenantId, String callId, String actor);

  /** Ends the consultation; the caller is back with the first agent. */
  Optional<ActiveCall> cancelTransfer(String tenantId, String callId, String actor);
}

package org.atalaya.core.calls;

import java.util.Optional;

/**
 * What an agent or supervisor may change about a live call's recording, from the web or the
 * API. Each returns the call's new snapshot, or empty when the tenant has no such live call.
 */
public interface CallRecordingControl {
  /** Switches the sensitive segment (card data): recording silenced and the gap marked, monitors muted. */
  Optional<ActiveCall> sensitive(String tenantId, String callId, boolean on, String actor);

  /**
   * Starts or stops the recording on demand. Throws IllegalStateException with the reason when
   * it may not (the caller declined, a do-not-record rule, the call is not connected).
   */
  Optional<ActiveCall> recording(String tenantId, String callId, boolean on, String actor);
}

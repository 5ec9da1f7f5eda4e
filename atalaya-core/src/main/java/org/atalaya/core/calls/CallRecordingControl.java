package org.atalaya.core.calls;

import java.util.Optional;

/**
 * What an agent or supervisor may change about a live call's recording, from the web or the
 * API. Each returns the call's new snapshot, or empty when the tenant has no such live call.
 */
public interface CallRecordingControl {
  /** Switches the sensitive segment (card data): recording silenced and the gap marked, monitors muted. */
  Optional<ActiveCall> sensitive(String tenantId, String callId, boolean on, String actor);
}

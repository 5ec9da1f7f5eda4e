package org.atalaya.core.recording.policy;

import java.util.Optional;

/** Stores each tenant's recording policy. */
public interface PolicyRepository {
  Optional<RecordingPolicy> find(String tenantId);

  /** Replaces the tenant's policy. */
  void save(String tenantId, RecordingPolicy policy, String updatedBy, java.time.Instant at);
}

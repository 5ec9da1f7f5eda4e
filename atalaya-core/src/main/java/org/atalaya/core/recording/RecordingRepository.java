package org.atalaya.core.recording;

import java.util.List;
import java.util.Optional;

/** Stores recording metadata. Every read takes the tenant. */
public interface RecordingRepository {
  /** Inserts at the start of recording (status RECORDING). */
  void insert(RecordingInfo info);

  /** Sets duration, size, hash and status COMPLETE. */
  void complete(String id, long durationMillis, long sizeBytes, String sha256);

  Optional<RecordingInfo> byId(String tenantId, String id);

  /** The tenant's recordings, newest first; {@code agentExtension} null for all agents. */
  List<RecordingInfo> list(String tenantId, String agentExtension, int offset, int limit);
}

package org.atalaya.core.recording;

import java.util.List;
import java.util.Optional;

/** Stores recording metadata. Every read takes the tenant. */
public interface RecordingRepository {
  /** Inserts at the start of recording (status RECORDING). */
  void insert(RecordingInfo info);

  /** Sets duration, size, hash and status COMPLETE. */
  void complete(String id, long durationMillis, long sizeBytes, String sha256);

  /** Sets what start-up recovery kept of an interrupted recording, and status RECOVERED. */
  void recovered(String id, long durationMillis, long sizeBytes, String sha256);

  Optional<RecordingInfo> byId(String tenantId, String id);

  /** Marks a span of the recording as silence on purpose (sensitive segment, recording paused). */
  void addGap(String recordingId, RecordingGap gap);

  /** The recording's gaps in time order; empty for another tenant's recording. */
  List<RecordingGap> gaps(String tenantId, String recordingId);

  /**
   * Every tenant's recordings ordered by id, after {@code afterId} (null from the start): for
   * system jobs such as integrity verification, never for a user's request.
   */
  List<RecordingInfo> scanAllTenants(String afterId, int limit);

  /**
   * Every tenant's recordings still marked RECORDING: for start-up recovery, which finds those
   * whose audio was finalized but whose row was not (the node stopped between the two).
   */
  List<RecordingInfo> unfinished();

  /** The tenant's recordings, newest first; {@code agentExtension} null for all agents. */
  List<RecordingInfo> list(String tenantId, String agentExtension, int offset, int limit);
}

package org.atalaya.core.recording;

import java.time.Instant;
import java.util.Objects;

/**
 * Metadata of one call recording. The audio is interleaved 16-bit little-endian stereo PCM at
 * {@code sampleRate} (customer left, agent right) in the blob store under {@code storageKey};
 * the WAV container is produced when it is read.
 *
 * @param id recording id (UUID string)
 * @param tenantId the tenant
 * @param callId Atalaya's call id
 * @param fromNumber caller's number
 * @param toNumber dialled number
 * @param agentExtension the agent recorded on the right channel
 * @param startedAt when recording started
 * @param durationMillis length of the audio
 * @param sizeBytes size of the PCM data
 * @param sampleRate samples per second per channel (8000)
 * @param channels 2
 * @param storageKey the blob store key
 * @param sha256 hex SHA-256 of the PCM data, set when finalized
 * @param status RECORDING while the call runs, then COMPLETE, RECOVERED or DELETED
 */
public record RecordingInfo(
    String id,
    String tenantId,
    String callId,
    String fromNumber,
    String toNumber,
    String agentExtension,
    Instant startedAt,
    long durationMillis,
    long sizeBytes,
    int sampleRate,
    int channels,
    String storageKey,
    String sha256,
    Status status) {
  public RecordingInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(storageKey, "storageKey");
    Objects.requireNonNull(status, "status");
  }

  /** Lifecycle of a recording. */
  public enum Status {
    /** The call is running and audio is being written. */
    RECORDING,
    /** Finalized normally: duration, size and SHA-256 are set. */
    COMPLETE,
    /** Finalized at start-up from what a crashed process had written (the tail may be missing). */
    RECOVERED,
    /** The audio and its key were destroyed (retention or an erasure request); the row stays as a tombstone. */
    DELETED
  }
}

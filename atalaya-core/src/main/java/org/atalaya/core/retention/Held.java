package org.atalaya.core.retention;

import java.time.Instant;

/**
 * A recording as retention and erasure see it.
 *
 * @param recordingId the recording
 * @param tenantId its tenant
 * @param callId its call
 * @param agent the agent recorded
 * @param queue the queue of the call (from the call record), or null
 * @param fromNumber the caller
 * @param startedAt when it started
 * @param storageKey the blob
 * @param sha256 the audio's hash at finalize
 */
public record Held(String recordingId, String tenantId, String callId, String agent, String queue, String fromNumber,
    Instant startedAt, String storageKey, String sha256) {}

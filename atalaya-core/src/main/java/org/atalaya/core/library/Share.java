package org.atalaya.core.library;

import java.time.Instant;

/** A link that lets someone without an account play one recording until it expires or is revoked. */
public record Share(String id, String tenantId, String recordingId, String createdBy, Instant createdAt, Instant expiresAt,
    Instant revokedAt) {
  public boolean liveAt(Instant now) {
    return revokedAt == null && now.isBefore(expiresAt);
  }
}

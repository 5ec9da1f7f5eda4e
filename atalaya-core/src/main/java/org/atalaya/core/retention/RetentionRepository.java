package org.atalaya.core.retention;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Retention policies, legal holds, deletions and erasure receipts. Every read takes the tenant. */
public interface RetentionRepository {
  /** Days to keep per queue; the key "" is the tenant-wide default. Empty: keep forever. */
  Map<String, Integer> retention(String tenantId);

  /** Replaces the tenant's retention policy. */
  void saveRetention(String tenantId, Map<String, Integer> days, String by, Instant at);

  /** Tenants that have a retention policy. */
  List<String> tenantsWithRetention();

  /** Live (not deleted, not being recorded) recordings of the tenant that started before {@code before}. */
  List<Held> recordedBefore(String tenantId, Instant before);

  /** Live recordings of the tenant whose caller is {@code number}. */
  List<Held> recordedFrom(String tenantId, String number);

  /** One live recording of the tenant. */
  Optional<Held> recording(String tenantId, String recordingId);

  /** Stores a new hold and returns its id. */
  long addHold(LegalHold hold);

  /** The tenant's holds, newest first; only active ones when {@code activeOnly}. */
  List<LegalHold> holds(String tenantId, boolean activeOnly);

  /** Releases an active hold; false if the tenant has no such active hold. */
  boolean releaseHold(String tenantId, long id, String by, Instant at);

  /** Marks a recording deleted (tombstone: the row stays, with when and why). */
  void markDeleted(String recordingId, Instant at, String reason);

  /** Stores an erasure receipt (canonical text and its SHA-256). */
  void saveReceipt(String id, String tenantId, String by, Instant at, String receipt, String sha256);

  /** A stored receipt's canonical text. */
  Optional<String> receipt(String tenantId, String id);
}

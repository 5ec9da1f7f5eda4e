package org.atalaya.core.audit;

import java.util.List;
import java.util.Optional;

/**
 * The append-only audit trail. Rows are hash-chained per installation: each row stores the
 * SHA-256 of the previous row's hash and its own canonical content, so editing or deleting a
 * row breaks the chain from that row on and {@link #verify} names it.
 *
 * <p>Threading: implementations are safe for concurrent use; appends are serialized.
 */
public interface AuditLog {
  /** Appends an event and returns its sequence number (1, 2, 3, ... in append order). */
  long append(AuditEvent event);

  /** Events of one tenant, newest first. */
  List<StoredAuditEvent> list(String tenantId, int offset, int limit);

  /** Events of one tenant matching {@code query}, newest first. */
  List<StoredAuditEvent> search(String tenantId, AuditQuery query, int offset, int limit);

  /** Events of one tenant about one target (e.g. {@code call:<id>}), oldest first. */
  List<StoredAuditEvent> forTarget(String tenantId, String target);

  /**
   * Checks the whole chain; empty when intact, else the sequence number of the first bad row. A
   * log cut short at its end still chains: {@link AuditVerification} compares it with a checkpoint.
   */
  Optional<Long> verify();

  /** The last row's seq and hash and how many rows there are; empty when the log has no rows. */
  Optional<Head> head();

  /** The hash stored in the row at {@code seq}; empty when there is no such row. */
  Optional<String> hashAt(long seq);

  /** The end of the chain, as a checkpoint records it. */
  record Head(long seq, String hash, long rows) {}

  /** An event as stored, with its place in the chain. */
  record StoredAuditEvent(long seq, AuditEvent event, String hash) {}
}

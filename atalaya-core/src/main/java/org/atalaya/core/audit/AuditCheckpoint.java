package org.atalaya.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * The audit log's head as it stood at {@code at}: the last row's seq and hash, and the row count.
 * Kept outside the database and signed, it lets verify tell a short log from one cut short.
 *
 * @param seq the last row's sequence number (1 or more: an empty log is not checkpointed)
 * @param hash that row's chain hash, lowercase hex
 * @param rows how many rows the log held
 * @param at when the checkpoint was taken, from the node's clock
 */
public record AuditCheckpoint(long seq, String hash, long rows, Instant at) {
  public AuditCheckpoint {
    if (seq < 1) {
      throw new IllegalArgumentException("seq: must be 1 or more");
    }
    if (rows < 0) {
      throw new IllegalArgumentException("rows: must not be negative");
    }
    Objects.requireNonNull(hash, "hash");
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("hash: 64 lowercase hex digits");
    }
    Objects.requireNonNull(at, "at");
  }
}

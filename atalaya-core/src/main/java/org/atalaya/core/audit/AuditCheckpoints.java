package org.atalaya.core.audit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where signed {@link AuditCheckpoint}s are kept, outside the database: the hash chain alone
 * cannot tell a log whose newest rows (or all rows) were deleted from one that never had them,
 * so the head is anchored somewhere an attacker of the database does not reach.
 *
 * <p>Threading: implementations are safe for concurrent use.
 */
public interface AuditCheckpoints {
  /** Nothing kept, nothing found: for wiring without an anchor (tests of other parts). */
  AuditCheckpoints NONE = new AuditCheckpoints() {
    @Override
    public void write(AuditCheckpoint checkpoint) {}

    @Override
    public Newest newest() {
      return new Newest(Optional.empty(), List.of());
    }
  };

  /** Stores a signed checkpoint durably (synced) before returning; never replaces an earlier one. */
  void write(AuditCheckpoint checkpoint) throws IOException;

  /**
   * The valid checkpoint with the highest seq (a replayed older one cannot stand in for a newer),
   * and a description of every stored one whose signature fails or that is cut short.
   */
  Newest newest() throws IOException;

  /**
   * @param checkpoint the newest validly signed checkpoint; empty when none was ever written
   * @param invalid where and why, one entry per stored checkpoint that is not valid (evidence of tampering)
   */
  record Newest(Optional<AuditCheckpoint> checkpoint, List<String> invalid) {
    public Newest {
      invalid = List.copyOf(invalid);
    }
  }
}

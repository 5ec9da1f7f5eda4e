package org.atalaya.core.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atalaya.core.audit.AuditLog.Head;

/**
 * Checks the audit log as a whole, for {@code atalaya audit verify} and the API: the hash chain
 * (a row edited, inserted or removed before the last), and the head against the newest signed
 * checkpoint (rows removed from the end, all rows removed, or the chain rebuilt up to a row a
 * checkpoint signed). Stored checkpoints that fail their signature count as tampering too.
 */
public final class AuditVerification {
  private AuditVerification() {}

  /**
   * The verdict.
   *
   * @param rows rows present
   * @param firstBadRow the lowest seq found edited, missing or not matching its checkpoint
   * @param checkpoint the newest valid checkpoint compared with; empty when none was ever written
   * @param problems one sentence per finding; empty when the log is intact
   */
  public record Report(long rows, Optional<Long> firstBadRow, Optional<AuditCheckpoint> checkpoint,
      List<String> problems) {
    public Report {
      problems = List.copyOf(problems);
    }

    public boolean intact() {
      return problems.isEmpty();
    }
  }

  public static Report check(AuditLog log, AuditCheckpoints checkpoints) throws IOException {
    // Checkpoints before rows: one written while this runs can then only cover rows that were
    // already there, never rows this check has not seen.
    AuditCheckpoints.Newest newest = checkpoints.newest();
    Optional<Long> chain = log.verify();
    Optional<Head> head = log.head();
    long rows = head.map(Head::rows).orElse(0L);
    long last = head.map(Head::seq).orElse(0L);
    List<String> problems = new ArrayList<>();
    Long firstBad = chain.orElse(null);
    if (chain.isPresent()) {
      problems.add("row " + chain.get() + " (or the one before it was removed) does not match the chain; "
          + rows + " rows present");
    }
    if (newest.checkpoint().isPresent()) {
      AuditCheckpoint cp = newest.checkpoint().get();
      String says = "checkpoint of " + cp.at() + " says the log reached row " + cp.seq();
      Long bad = null;
      if (last < cp.seq()) {
        bad = last + 1;
        problems.add((bad == cp.seq() ? "row " + cp.seq() : "rows " + bad + ".." + cp.seq()) + " missing (" + says + ")");
      } else {
        Optional<String> hash = log.hashAt(cp.seq());
        if (hash.isEmpty()) {
          bad = cp.seq();
          problems.add("row " + cp.seq() + " missing (" + says + ")");
        } else if (!hash.get().equals(cp.hash())) {
          bad = cp.seq();
          problems.add("row " + cp.seq() + " is not the row the checkpoint of " + cp.at()
              + " signed: the log was replaced or rebuilt up to it");
        }
      }
      if (bad != null && (firstBad == null || bad < firstBad)) {
        firstBad = bad;
      }
    }
    for (String invalid : newest.invalid()) {
      problems.add("checkpoint not valid, " + invalid);
    }
    return new Report(rows, Optional.ofNullable(firstBad), newest.checkpoint(), problems);
  }
}

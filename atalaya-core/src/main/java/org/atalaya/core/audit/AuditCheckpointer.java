package org.atalaya.core.audit;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.atalaya.core.audit.AuditLog.Head;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes checkpoints of the audit log's head: at start-up, periodically when the head moved, and
 * at an orderly stop. One is written only while the log still holds the row the previous one
 * signed: after rows were removed from the end, a checkpoint of the shorter log would take the
 * place of the one that exposes the removal.
 *
 * <p>Never throws: a failure is logged and the node goes on recording; the next attempt retries.
 *
 * <p>Threading: safe for concurrent use; checkpoints are taken one at a time. A lock rather than
 * {@code synchronized}, since this does JDBC and file I/O and may run on virtual threads.
 */
public final class AuditCheckpointer {
  private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointer.class);

  /** What one attempt did. */
  public enum Outcome {
    /** A checkpoint was stored. */
    WRITTEN,
    /** The head had not moved since the last checkpoint; nothing to add. */
    UNCHANGED,
    /** The log has no rows and no checkpoint was ever written. */
    EMPTY,
    /** The log no longer reaches (or no longer matches) the previous checkpoint; nothing written. */
    REFUSED,
    /** The database or the checkpoint store failed; logged, retried next time. */
    FAILED
  }

  private final AuditLog log;
  private final AuditCheckpoints checkpoints;
  private final Clock clock;
  private final ReentrantLock taking = new ReentrantLock();
  /** The newest checkpoint known; read from the store on the first attempt. */
  private Optional<AuditCheckpoint> previous;

  public AuditCheckpointer(AuditLog log, AuditCheckpoints checkpoints, Clock clock) {
    this.log = log;
    this.checkpoints = checkpoints;
    this.clock = clock;
  }

  /** At start-up: anchors what the log holds now (even when unchanged, to date the start). */
  public Outcome atStart() {
    return take("start-up", false);
  }

  /** The periodic one: only when rows were added since the last checkpoint. */
  public Outcome ifMoved() {
    return take("periodic", true);
  }

  /** At an orderly stop, after the last audited work ended: the rows of the final minutes are anchored too. */
  public Outcome atStop() {
    return take("stop", false);
  }

  private Outcome take(String when, boolean onlyIfMoved) {
    taking.lock();
    try {
      if (previous == null) {
        previous = checkpoints.newest().checkpoint();
      }
      Optional<Head> head = log.head();
      if (previous.isPresent()) {
        AuditCheckpoint prev = previous.get();
        if (head.isPresent() && head.get().seq() == prev.seq() && head.get().hash().equals(prev.hash())) {
          if (onlyIfMoved) {
            return Outcome.UNCHANGED;
          }
        } else if (!log.hashAt(prev.seq()).map(prev.hash()::equals).orElse(false)) {
          LOG.error("AUDIT LOG TAMPERED: it no longer holds row {} as the checkpoint of {} signed it (rows removed"
              + " or rewritten); no {} checkpoint written, so as not to cover that up. Run: atalaya audit verify",
              prev.seq(), prev.at(), when);
          return Outcome.REFUSED;
        }
      }
      if (head.isEmpty()) {
        return Outcome.EMPTY;
      }
      Head h = head.get();
      AuditCheckpoint cp = new AuditCheckpoint(h.seq(), h.hash(), h.rows(), clock.instant());
      checkpoints.write(cp);
      previous = Optional.of(cp);
      if (onlyIfMoved) {
        LOG.debug("audit checkpoint at row {}", cp.seq());
      } else {
        LOG.info("audit checkpoint ({}) at row {}", when, cp.seq());
      }
      return Outcome.WRITTEN;
    } catch (IOException | RuntimeException e) {
      LOG.error("audit checkpoint ({}) not written: {}", when, e.toString());
      return Outcome.FAILED;
    } finally {
      taking.unlock();
    }
  }
}

package org.atalaya.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.atalaya.core.audit.AuditCheckpoint;
import org.atalaya.core.audit.AuditCheckpointCopies;
import org.atalaya.core.audit.AuditCheckpointer.Outcome;
import org.atalaya.core.audit.AuditCheckpointer;
import org.atalaya.core.audit.AuditCheckpoints;
import org.atalaya.core.audit.AuditVerification.Report;
import org.atalaya.core.audit.AuditVerification;
import org.atalaya.store.Database;
import org.atalaya.store.blob.FileBlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of the audit log, anchored by checkpoints in a file: rows removed from the end, or all
 * of them, or the chain rebuilt, are named by verify, which the hash chain alone cannot do; and
 * no new checkpoint is written over such a cut. H2 in memory, a fixed clock.
 */
class AuditCheckpointTailTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final String SAYS = "checkpoint of 2026-11-23T10:00:00Z says the log reached row 5";
  @TempDir Path dir;
  private Database db;
  private JdbiAuditLog log;
  private FileAuditCheckpoints file;
  private AuditCheckpointer checkpointer;

  @BeforeEach
  void open() {
    db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    log = new JdbiAuditLog(db.jdbi());
    file = new FileAuditCheckpoints(dir.resolve("audit/checkpoints.log"), AuditCheckpointsContract.KEY);
    checkpointer = new AuditCheckpointer(log, file, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() throws Exception {
    // DB_CLOSE_DELAY=-1 keeps the in-memory database past its last connection: drop it explicitly.
    var c = db.dataSource().getConnection();
    c.createStatement().execute("SHUTDOWN");
    db.close();
  }

  private void append(int n) {
    for (int i = 0; i < n; i++) {
      log.append(AuditLogContract.event("t1", i, "call:x"));
    }
  }

  private void delete(String where) {
    db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_log WHERE " + where));
  }

  private Report verify(AuditCheckpoints checkpoints) throws IOException {
    return AuditVerification.check(log, checkpoints);
  }

  @Test
  void withoutACheckpointTheLogIsIntactAndSaysSo() throws IOException {
    append(5);
    Report r = verify(file);
    assertThat(r.intact()).isTrue();
    assertThat(r.rows()).isEqualTo(5);
    assertThat(r.checkpoint()).isEmpty();
  }

  @Test
  void anIntactLogMatchesItsCheckpointAndMayGrowPastIt() throws IOException {
    append(5);
    assertThat(checkpointer.atStart()).isEqualTo(Outcome.WRITTEN);
    append(2);
    Report r = verify(file);
    assertThat(r.problems()).isEmpty();
    assertThat(r.checkpoint()).hasValueSatisfying(cp -> {
      assertThat(cp.seq()).isEqualTo(5);
      assertThat(cp.rows()).isEqualTo(5);
      assertThat(cp.at()).isEqualTo(T0);
      assertThat(cp.hash()).isEqualTo(log.hashAt(5).orElseThrow());
    });
  }

  @Test
  void theLastRowDeletedAfterACheckpointIsNamed() throws IOException {
    append(5);
    checkpointer.atStart();
    delete("seq = 5");
    assertThat(log.verify()).as("the chain alone sees nothing").isEmpty();
    Report r = verify(file);
    assertThat(r.intact()).isFalse();
    assertThat(r.problems()).containsExactly("row 5 missing (" + SAYS + ")");
    assertThat(r.firstBadRow()).contains(5L);
  }

  @Test
  void theLastRowsDeletedAreNamedAsARange() throws IOException {
    append(5);
    checkpointer.atStop();
    delete("seq >= 3");
    assertThat(verify(file).problems()).containsExactly("rows 3..5 missing (" + SAYS + ")");
  }

  @Test
  void everyRowDeletedIsNamed() throws IOException {
    append(5);
    checkpointer.atStart();
    delete("seq > 0");
    Report r = verify(file);
    assertThat(r.rows()).isZero();
    assertThat(r.problems()).containsExactly("rows 1..5 missing (" + SAYS + ")");
    assertThat(r.firstBadRow()).contains(1L);
  }

  @Test
  void rowsAppendedAfterACutDoNotHideIt() throws IOException {
    append(5);
    checkpointer.atStart();
    delete("seq >= 4");
    append(3); // seq 4, 5, 6 again, chained to row 3: the chain is whole
    assertThat(log.verify()).isEmpty();
    assertThat(verify(file).problems()).containsExactly("row 5 is not the row the checkpoint of 2026-11-23T10:00:00Z"
        + " signed: the log was replaced or rebuilt up to it");
  }

  @Test
  void aChainRebuiltWithAnEditIsNamedAtTheCheckpoint() throws IOException {
    append(5);
    checkpointer.atStart();
    // Someone with the database edits row 2 and recomputes every hash from there: a whole chain.
    db.jdbi().useHandle(h -> {
      h.execute("UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 2");
      String prev = log.hashAt(1).orElseThrow();
      for (long seq = 2; seq <= 5; seq++) {
        var row = h.createQuery("SELECT tenant_id, at_millis, actor, action, target, detail FROM audit_log WHERE seq = :s")
            .bind("s", seq).mapToMap().one();
        String hash = JdbiAuditLog.hash(prev, seq, (String) row.get("tenant_id"), ((Number) row.get("at_millis")).longValue(),
            (String) row.get("actor"), (String) row.get("action"), (String) row.get("target"), (String) row.get("detail"));
        h.createUpdate("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE seq = :s").bind("p", prev).bind("h", hash)
            .bind("s", seq).execute();
        prev = hash;
      }
    });
    assertThat(log.verify()).isEmpty();
    Report r = verify(file);
    assertThat(r.problems()).singleElement().asString().startsWith("row 5 is not the row the checkpoint");
  }

  @Test
  void aRowRemovedInTheMiddleIsStillTheChainsToName() throws IOException {
    append(5);
    checkpointer.atStart();
    delete("seq = 3");
    assertThat(verify(file).problems())
        .containsExactly("row 4 (or the one before it was removed) does not match the chain; 4 rows present");
  }

  @Test
  void noCheckpointIsWrittenOverACut() throws IOException {
    append(5);
    checkpointer.atStart();
    delete("seq = 5");
    append(1); // the head moved: seq 5 again, another row
    assertThat(checkpointer.ifMoved()).isEqualTo(Outcome.REFUSED);
    assertThat(checkpointer.atStop()).isEqualTo(Outcome.REFUSED);
    // Nor by a node started afresh on the same file.
    assertThat(new AuditCheckpointer(log, file, Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC)).atStart())
        .isEqualTo(Outcome.REFUSED);
    assertThat(Files.readAllLines(file.file())).hasSize(1);
    assertThat(verify(file).intact()).isFalse();
  }

  @Test
  void theTimerWritesOnlyWhenTheHeadMovedAndTheStopAlways() throws IOException {
    assertThat(checkpointer.atStart()).as("an empty log has nothing to anchor").isEqualTo(Outcome.EMPTY);
    append(2);
    assertThat(checkpointer.ifMoved()).isEqualTo(Outcome.WRITTEN);
    assertThat(checkpointer.ifMoved()).isEqualTo(Outcome.UNCHANGED);
    append(1);
    assertThat(checkpointer.ifMoved()).isEqualTo(Outcome.WRITTEN);
    assertThat(checkpointer.atStop()).isEqualTo(Outcome.WRITTEN);
    assertThat(Files.readAllLines(file.file())).hasSize(3);
    assertThat(file.newest().checkpoint().orElseThrow().seq()).isEqualTo(3);
  }

  @Test
  void aForgedCheckpointLineIsReportedAsTampering() throws IOException {
    append(5);
    checkpointer.atStart();
    new FileAuditCheckpoints(file.file(), AuditCheckpointsContract.OTHER_KEY)
        .write(new AuditCheckpoint(3, log.hashAt(3).orElseThrow(), 3, T0));
    Report r = verify(file);
    assertThat(r.intact()).isFalse();
    assertThat(r.problems()).containsExactly("checkpoint not valid, line 2 of " + file.file() + ": bad signature");
  }

  @Test
  void theBucketCopyStillNamesTheCutWhenTheFileIsGoneToo() throws IOException {
    AuditCheckpoints copies = new AuditCheckpointCopies(List.of(file,
        new BlobAuditCheckpoints(new FileBlobStore(dir.resolve("bucket")), dir.resolve("audit"),
            AuditCheckpointsContract.KEY)));
    append(5);
    new AuditCheckpointer(log, copies, Clock.fixed(T0, ZoneOffset.UTC)).atStop();
    // Database and disk: the last rows and the local file, which would have told.
    delete("seq >= 4");
    Files.delete(file.file());
    assertThat(verify(file).intact()).as("the file alone is gone").isTrue();
    assertThat(verify(copies).problems()).containsExactly("rows 4..5 missing (" + SAYS + ")");
  }
}

package org.atalaya.store.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.calls.Disposition;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.retention.LegalHold;
import org.atalaya.core.retention.RetentionService;
import org.atalaya.media.RecordingSink;
import org.atalaya.store.Database;
import org.atalaya.store.audit.JdbiAuditLog;
import org.atalaya.store.blob.FileBlobStore;
import org.atalaya.store.calls.JdbiCallRecordRepository;
import org.atalaya.store.recording.JdbiRecordingRepository;
import org.atalaya.store.vault.EncryptedRecordingStore;
import org.atalaya.store.vault.MasterKey;
import org.atalaya.store.vault.RecordingKeys;
import org.atalaya.store.vault.TenantKeyring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention against a real database and the encrypted store, with a fixed clock: the purge
 * deletes what is older than the tenant's or the queue's days, never what a call, agent or case
 * hold covers (a released hold no longer protects), keeps tombstones and audits each deletion;
 * erasure requests return a receipt; a held recording cannot be deleted by hand.
 */
class RetentionServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
  @TempDir Path dir;
  private Database db;
  private JdbiRecordingRepository recordings;
  private JdbiCallRecordRepository calls;
  private JdbiAuditLog audit;
  private EncryptedRecordingStore store;
  private RetentionService retention;

  @BeforeEach
  void open() throws Exception {
    db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    recordings = new JdbiRecordingRepository(db.jdbi());
    calls = new JdbiCallRecordRepository(db.jdbi());
    audit = new JdbiAuditLog(db.jdbi());
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    store = new EncryptedRecordingStore(new FileBlobStore(dir.resolve("blobs")), dir.resolve("spool"),
        new RecordingKeys(db.jdbi(), TenantKeyring.inMemory(MasterKey.ephemeral()), clock));
    retention = new RetentionService(new JdbiRetentionRepository(db.jdbi()), store, audit, clock);
  }

  @AfterEach
  void close() throws Exception {
    db.dataSource().getConnection().createStatement().execute("SHUTDOWN");
    db.close();
  }

  @Test
  void thePurgeDeletesWhatIsOldEnoughAndNothingUnderAHold() throws Exception {
    retention.setRetention("default", Map.of("", 30, "sales", 7), "admin");
    recording("default", "old-support", "support", "1001", "+34600000001", 40);
    recording("default", "mid-support", "support", "1001", "+34600000002", 20);
    recording("default", "sales-10d", "sales", "1002", "+34600000003", 10);
    recording("default", "sales-5d", "sales", "1002", "+34600000004", 5);
    recording("default", "held-call", "support", "1001", "+34600000005", 40);
    recording("default", "held-agent", "support", "1009", "+34600000006", 40);
    recording("default", "held-case", "support", "1001", "+34600000007", 40);
    recording("default", "released", "support", "1001", "+34600000008", 40);
    recording("acme", "acme-old", "support", "1001", "+34600000009", 400);
    retention.hold(hold("default", LegalHold.Kind.CALL, "call-held-call", List.of()), "auditor");
    retention.hold(hold("default", LegalHold.Kind.AGENT, "1009", List.of()), "auditor");
    retention.hold(hold("default", LegalHold.Kind.CASE, "claim-77", List.of("call-held-case", "call-x")), "auditor");
    LegalHold gone = retention.hold(hold("default", LegalHold.Kind.CALL, "call-released", List.of()), "auditor");
    assertThat(retention.release("default", gone.id(), "auditor")).isTrue();
    assertThat(retention.release("default", gone.id(), "auditor")).as("already released").isFalse();
    assertThat(retention.release("acme", 1, "auditor")).as("another tenant's hold").isFalse();

    RetentionService.PurgeResult dry = retention.purge(true);
    assertThat(dry).isEqualTo(new RetentionService.PurgeResult(3, 3, 0));
    assertThat(status("old-support")).as("a dry run deletes nothing").isEqualTo(RecordingInfo.Status.COMPLETE);

    assertThat(retention.purge(false)).isEqualTo(new RetentionService.PurgeResult(3, 3, 0));

    for (String gone1 : List.of("old-support", "sales-10d", "released")) {
      assertThat(status(gone1)).as(gone1).isEqualTo(RecordingInfo.Status.DELETED);
      assertThatThrownBy(() -> store.open("default/" + gone1 + ".pcm", 0)).isInstanceOf(NoSuchFileException.class);
    }
    for (String kept : List.of("mid-support", "sales-5d", "held-call", "held-agent", "held-case")) {
      assertThat(status(kept)).as(kept).isEqualTo(RecordingInfo.Status.COMPLETE);
      assertThat(store.size("default/" + kept + ".pcm")).as(kept + " still readable").isEqualTo(3200);
    }
    assertThat(recordings.byId("acme", "acme-old").orElseThrow().status()).as("no policy: kept forever")
        .isEqualTo(RecordingInfo.Status.COMPLETE);
    var deletions = audit.list("default", 0, 100).stream().filter(e -> e.event().action().equals("recording.delete"))
        .toList();
    assertThat(deletions).hasSize(3).allSatisfy(e -> {
      assertThat(e.event().actor()).isEqualTo("system");
      assertThat(e.event().detail()).contains("reason=retention");
    });
    assertThat(audit.list("default", 0, 100)).extracting(e -> e.event().action())
        .contains("policy.retention", "hold.place", "hold.release");
    assertThat(retention.purge(false).deleted()).as("nothing left to purge").isZero();
    assertThat(audit.verify()).isEmpty();
  }

  @Test
  void anErasureRequestErasesTheCallersRecordingsExceptHeldOnesAndReturnsAReceipt() throws Exception {
    recording("default", "a", "support", "1001", "+34611111111", 1);
    recording("default", "b", "sales", "1002", "+34611111111", 2);
    recording("default", "c", "sales", "1002", "+34622222222", 2);
    recording("acme", "d", "sales", "1002", "+34611111111", 2);
    retention.hold(hold("default", LegalHold.Kind.CALL, "call-b", List.of()), "auditor");

    RetentionService.Receipt receipt = retention.erase("default", "+34611111111", null, "dpo");

    assertThat(receipt.erased()).isEqualTo(1);
    assertThat(receipt.held()).isEqualTo(1);
    assertThat(receipt.text()).contains("erased a call call-a").contains("sha256 " + "ab".repeat(32))
        .contains("kept b call call-b: under hold").contains("crypto-erasure");
    assertThat(receipt.sha256()).hasSize(64);
    assertThat(retention.receipt("default", receipt.id())).contains(receipt.text());
    assertThat(retention.receipt("acme", receipt.id())).as("another tenant").isEmpty();
    assertThat(status("a")).isEqualTo(RecordingInfo.Status.DELETED);
    assertThat(status("b")).isEqualTo(RecordingInfo.Status.COMPLETE);
    assertThat(status("c")).isEqualTo(RecordingInfo.Status.COMPLETE);
    assertThat(recordings.byId("acme", "d").orElseThrow().status()).as("other tenant untouched")
        .isEqualTo(RecordingInfo.Status.COMPLETE);

    assertThatThrownBy(() -> retention.deleteOne("default", "b", "admin"))
        .isInstanceOf(RetentionService.HeldException.class).hasMessageContaining("hold");
    retention.deleteOne("default", "c", "admin");
    assertThat(status("c")).isEqualTo(RecordingInfo.Status.DELETED);
    assertThatThrownBy(() -> retention.deleteOne("default", "c", "admin")).as("already deleted")
        .isInstanceOf(java.util.NoSuchElementException.class);
  }

  @Test
  void badRetentionDaysAreRefused() {
    assertThatThrownBy(() -> retention.setRetention("default", Map.of("", 0), "admin")).hasMessageContaining("1..36500");
    assertThatThrownBy(() -> new LegalHold(0, "default", LegalHold.Kind.CASE, "x", "r", "a", NOW, null, null, List.of()))
        .hasMessageContaining("case hold needs");
    assertThatThrownBy(() -> LegalHold.Kind.parse("planet")).hasMessageContaining("call, agent or case");
  }

  private static LegalHold hold(String tenant, LegalHold.Kind kind, String target, List<String> calls) {
    return new LegalHold(0, tenant, kind, target, "court order 12/2026", "auditor", NOW, null, null, calls);
  }

  private RecordingInfo.Status status(String id) {
    return recordings.byId("default", id).orElseThrow().status();
  }

  private void recording(String tenant, String id, String queue, String agent, String from, int daysAgo) throws Exception {
    Instant started = NOW.minus(Duration.ofDays(daysAgo));
    String key = tenant + "/" + id + ".pcm";
    RecordingSink sink = store.create(tenant, key);
    sink.write(new byte[3200], 0, 3200);
    sink.close();
    recordings.insert(new RecordingInfo(id, tenant, "call-" + id, from, "900", agent, started, 0, 0, 8000, 2, key,
        null, RecordingInfo.Status.RECORDING));
    recordings.complete(id, 100, 3200, "ab".repeat(32));
    calls.insert(new CallRecord("call-" + id, tenant, "sip-" + id, from, "", "900", queue, agent, started, started,
        started.plusSeconds(60), Disposition.ANSWERED, "customer", id));
  }
}

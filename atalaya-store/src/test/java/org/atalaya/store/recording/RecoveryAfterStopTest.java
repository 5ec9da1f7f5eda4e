package org.atalaya.store.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.recording.RecordingService;
import org.atalaya.media.RecordingSink;
import org.atalaya.store.Database;
import org.atalaya.store.blob.FileBlobStore;
import org.atalaya.store.vault.EncryptedRecordingStore;
import org.atalaya.store.vault.MasterKey;
import org.atalaya.store.vault.RecordingKeys;
import org.atalaya.store.vault.TenantKeyring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up recovery of a recording whose audio was finalized (closed, encrypted, published) but
 * whose row still says RECORDING: the node stopped, or its database failed, between the two. The
 * spool holds nothing of it, so only the row tells; it must be listed as RECOVERED with its real
 * length and hash, not left RECORDING at 0 s. A RECORDING row with no audio in the store is left
 * alone: it may be a call another node is recording now.
 */
class RecoveryAfterStopTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  @TempDir Path dir;
  private Database db;
  private JdbiRecordingRepository repository;
  private EncryptedRecordingStore store;
  private RecordingService service;

  @BeforeEach
  void open() throws Exception {
    db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    repository = new JdbiRecordingRepository(db.jdbi());
    store = new EncryptedRecordingStore(new FileBlobStore(dir.resolve("blobs")), dir.resolve("spool"),
        new RecordingKeys(db.jdbi(), TenantKeyring.inMemory(MasterKey.ephemeral()), clock));
    service = new RecordingService(repository, store, clock);
  }

  @AfterEach
  void close() throws Exception {
    db.dataSource().getConnection().createStatement().execute("SHUTDOWN");
    db.close();
  }

  @Test
  void aFinalizedRecordingLeftRecordingIsListedAsRecoveredWithItsLengthAndHash() throws Exception {
    byte[] audio = new byte[3 * 32_000 + 64]; // 3 s of 8 kHz stereo 16-bit, and 2 ms more
    new java.util.Random(7).nextBytes(audio);
    insertRecording("finalized", "default/2026/11/22/finalized.pcm");
    RecordingSink sink = store.create("default", "default/2026/11/22/finalized.pcm");
    sink.write(audio, 0, audio.length);
    sink.close(); // published, as a call's end does before its row is completed
    insertRecording("live-elsewhere", "default/2026/11/22/live-elsewhere.pcm");

    assertThat(Files.exists(dir.resolve("spool/default/2026/11/22/finalized.pcm"))).as("nothing in the spool").isFalse();
    java.util.List<RecordingInfo> handed = new java.util.ArrayList<>();
    assertThat(service.recoverInterrupted(handed::add)).containsExactly("finalized");

    RecordingInfo r = repository.byId("default", "finalized").orElseThrow();
    assertThat(r.status()).isEqualTo(RecordingInfo.Status.RECOVERED);
    assertThat(r.sizeBytes()).isEqualTo(audio.length);
    assertThat(r.durationMillis()).isEqualTo(3002);
    assertThat(r.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio)));
    assertThat(handed).extracting(RecordingInfo::id).as("the call record is written for it too").containsExactly("finalized");
    assertThat(repository.byId("default", "live-elsewhere").orElseThrow().status())
        .as("no audio published: left alone").isEqualTo(RecordingInfo.Status.RECORDING);
    assertThat(service.recoverInterrupted()).as("a second start finds nothing more").isEmpty();
  }

  private void insertRecording(String id, String key) {
    repository.insert(new RecordingInfo(id, "default", "call-" + id, "+34600000001", "900100200", "1001", T0, 0, 0,
        8000, 2, key, null, RecordingInfo.Status.RECORDING));
  }
}

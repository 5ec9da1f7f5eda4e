package org.atalaya.store.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.store.Database;
import org.atalaya.store.blob.FileBlobStore;
import org.atalaya.store.recording.JdbiRecordingRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings written in the clear by the version before the vault are encrypted on upgrade. */
class LegacyPlaintextImportTest {
  @TempDir Path dir;
  private Database db;
  private JdbiRecordingRepository recordings;
  private EncryptedRecordingStore store;
  private LegacyPlaintextImport legacy;

  @BeforeEach
  void open() throws Exception {
    db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    recordings = new JdbiRecordingRepository(db.jdbi());
    RecordingKeys keys = new RecordingKeys(db.jdbi(), TenantKeyring.inMemory(MasterKey.ephemeral()), Clock.fixed(java.time.Instant.parse("2026-11-22T10:00:00Z"), java.time.ZoneOffset.UTC));
    store = new EncryptedRecordingStore(new FileBlobStore(dir.resolve("recordings")), dir.resolve("spool"), keys);
    legacy = new LegacyPlaintextImport(db.jdbi(), recordings, store, dir.resolve("recordings"), dir.resolve("legacy"));
  }

  @AfterEach
  void close() throws Exception {
    db.dataSource().getConnection().createStatement().execute("SHUTDOWN");
    db.close();
  }

  @Test
  void clearRecordingsAreEncryptedUnderTheirOldKeysAndTheClearCopyIsGone() throws Exception {
    byte[] done = EncryptedRecordingStoreTest.pcm(64_000, 1);
    byte[] crashed = EncryptedRecordingStoreTest.pcm(32_000, 2);
    legacyRow("old-1", "2026/11/22/old-1.pcm", done, RecordingInfo.Status.COMPLETE);
    legacyRow("old-2", "2026/11/22/old-2.pcm", crashed, RecordingInfo.Status.RECORDING);

    assertThat(legacy.importAll()).isEqualTo(2);

    assertThat(read("2026/11/22/old-1.pcm")).isEqualTo(done);
    assertThat(read("2026/11/22/old-2.pcm")).isEqualTo(crashed);
    assertThat(recordings.byId("default", "old-2").orElseThrow().status()).isEqualTo(RecordingInfo.Status.RECOVERED);
    assertThat(recordings.byId("default", "old-2").orElseThrow().sizeBytes()).isEqualTo(32_000);
    EncryptedRecordingStoreTest.assertNoPlaintextUnder(dir, done);
    EncryptedRecordingStoreTest.assertNoPlaintextUnder(dir, crashed);
    assertThat(legacy.pending()).isFalse();
    assertThat(legacy.importAll()).as("idempotent").isZero();
  }

  @Test
  void anImportCutShortIsRedoneFromTheClearCopy() throws Exception {
    byte[] audio = EncryptedRecordingStoreTest.pcm(40_000, 3);
    legacyRow("old-3", "2026/11/22/old-3.pcm", audio, RecordingInfo.Status.COMPLETE);
    // The previous attempt moved the clear copy aside and had started encrypting when it died.
    Path aside = dir.resolve("legacy/2026/11/22/old-3.pcm");
    Files.createDirectories(aside.getParent());
    Files.move(dir.resolve("recordings/2026/11/22/old-3.pcm"), aside);
    var half = store.create("default", "2026/11/22/old-3.pcm");
    half.write(audio, 0, 10_000);
    half.flush();

    assertThat(legacy.importAll()).isEqualTo(1);
    assertThat(read("2026/11/22/old-3.pcm")).isEqualTo(audio);
    assertThat(store.recoverInterrupted()).isEmpty();
  }

  private void legacyRow(String id, String key, byte[] audio, RecordingInfo.Status status) throws Exception {
    recordings.insert(new RecordingInfo(id, "default", "call-" + id, "+34600", "900", "1001",
        Instant.parse("2026-11-22T10:00:00Z"), 0, 0, 8000, 2, key, null, RecordingInfo.Status.RECORDING));
    if (status == RecordingInfo.Status.COMPLETE) {
      recordings.complete(id, audio.length / 32, audio.length, "00".repeat(32));
    }
    Path file = dir.resolve("recordings").resolve(key);
    Files.createDirectories(file.getParent());
    Files.write(file, audio);
  }

  private byte[] read(String key) throws Exception {
    try (InputStream in = store.open(key, 0)) {
      return in.readAllBytes();
    }
  }
}

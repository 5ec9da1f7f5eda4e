package org.atalaya.store.vault;

import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.atalaya.core.recording.RecordingStore;
import org.atalaya.store.Database;
import org.atalaya.store.blob.FileBlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The RecordingStore contract on the encrypting store over local-directory blobs. */
class EncryptedFileRecordingStoreTest implements RecordingStoreContract {
  @TempDir Path dir;
  private Database db;
  private RecordingStore store;

  @BeforeEach
  void open() throws Exception {
    db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    RecordingKeys keys = new RecordingKeys(db.jdbi(), TenantKeyring.inMemory(MasterKey.ephemeral()), Clock.fixed(java.time.Instant.parse("2026-11-22T10:00:00Z"), java.time.ZoneOffset.UTC));
    store = new EncryptedRecordingStore(new FileBlobStore(dir.resolve("blobs")), dir.resolve("spool"), keys);
  }

  @AfterEach
  void close() throws Exception {
    db.dataSource().getConnection().createStatement().execute("SHUTDOWN");
    db.close();
  }

  @Override
  public RecordingStore store() {
    return store;
  }
}

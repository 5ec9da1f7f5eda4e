package org.atalaya.store.vault;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import org.atalaya.core.recording.RecordingStore;
import org.atalaya.store.Database;
import org.atalaya.store.blob.FileBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The RecordingStore contract with the wrapped data keys in a real PostgreSQL server. */
class EncryptedPostgresRecordingStoreTest implements RecordingStoreContract {
  private static EmbeddedPostgres postgres;
  private static Database db;
  @TempDir Path dir;
  private RecordingStore store;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    db = Database.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
  }

  @AfterAll
  static void stop() throws Exception {
    if (db != null) {
      db.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @BeforeEach
  void open() throws Exception {
    db.jdbi().useHandle(h -> h.execute("TRUNCATE recording_keys"));
    RecordingKeys keys = new RecordingKeys(db.jdbi(), TenantKeyring.inMemory(MasterKey.ephemeral()), Clock.fixed(java.time.Instant.parse("2026-11-22T10:00:00Z"), java.time.ZoneOffset.UTC));
    store = new EncryptedRecordingStore(new FileBlobStore(dir.resolve("blobs")), dir.resolve("spool"), keys);
  }

  @Override
  public RecordingStore store() {
    return store;
  }
}

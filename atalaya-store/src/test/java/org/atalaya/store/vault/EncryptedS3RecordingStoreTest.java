package org.atalaya.store.vault;

import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.atalaya.core.recording.RecordingStore;
import org.atalaya.store.Database;
import org.atalaya.store.blob.S3BlobStore;
import org.atalaya.store.blob.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The RecordingStore contract on the encrypting store over S3 blobs (s3proxy in-process). */
class EncryptedS3RecordingStoreTest implements RecordingStoreContract {
  private static S3ProxyServer server;
  @TempDir Path dir;
  private Database db;
  private S3BlobStore blobs;
  private RecordingStore store;

  @BeforeAll
  static void start() throws Exception {
    server = S3ProxyServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void open() throws Exception {
    db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    RecordingKeys keys = new RecordingKeys(db.jdbi(), TenantKeyring.inMemory(MasterKey.ephemeral()), Clock.fixed(java.time.Instant.parse("2026-11-22T10:00:00Z"), java.time.ZoneOffset.UTC));
    blobs = new S3BlobStore(server.settings("node-" + UUID.randomUUID()));
    store = new EncryptedRecordingStore(blobs, dir.resolve("spool"), keys);
  }

  @AfterEach
  void close() throws Exception {
    blobs.close();
    db.dataSource().getConnection().createStatement().execute("SHUTDOWN");
    db.close();
  }

  @Override
  public RecordingStore store() {
    return store;
  }
}

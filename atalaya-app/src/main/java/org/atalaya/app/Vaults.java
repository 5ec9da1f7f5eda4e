package org.atalaya.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.atalaya.app.config.AtalayaConfig;
import org.atalaya.core.audit.AuditCheckpointCopies;
import org.atalaya.core.audit.AuditCheckpoints;
import org.atalaya.store.Database;
import org.atalaya.store.audit.BlobAuditCheckpoints;
import org.atalaya.store.audit.FileAuditCheckpoints;
import org.atalaya.store.blob.BlobStore;
import org.atalaya.store.blob.FileBlobStore;
import org.atalaya.store.blob.S3BlobStore;
import org.atalaya.store.vault.EncryptedRecordingStore;
import org.atalaya.store.vault.MasterKey;
import org.atalaya.store.vault.RecordingKeys;
import org.atalaya.store.vault.TenantKeyring;

/**
 * Opens the recording vault the same way for the server and for the CLI. Closing it closes the
 * blob store (the S3 client's connection pool). The audit checkpoints live here too: they are
 * signed with a key derived from the same master key, and copied to the same bucket.
 */
public record Vaults(TenantKeyring keyring, RecordingKeys keys, EncryptedRecordingStore store, BlobStore blobs,
    AuditCheckpoints auditCheckpoints) implements AutoCloseable {
  /** HKDF info of the checkpoint key; changing it makes every stored checkpoint fail its signature. */
  static final String CHECKPOINT_KEY_PURPOSE = "atalaya audit checkpoints v1";

  public static Vaults open(AtalayaConfig config, Database database, Clock clock) throws IOException {
    MasterKey master = MasterKey.load(System.getenv(MasterKey.ENV), config.masterKeyFile());
    TenantKeyring keyring = TenantKeyring.open(master, config.keystoreFile());
    RecordingKeys keys = new RecordingKeys(database.jdbi(), keyring, clock);
    BlobStore blobs = config.blobsOnS3() ? new S3BlobStore(config.s3Blobs()) : new FileBlobStore(config.recordingsDir());
    EncryptedRecordingStore store = new EncryptedRecordingStore(blobs, config.spoolDir(), keys);
    return new Vaults(keyring, keys, store, blobs, auditCheckpoints(config, master, blobs));
  }

  /** {@code data/audit/checkpoints.log}: apart from the database, and from the recordings. */
  public static Path checkpointFile(AtalayaConfig config) {
    return config.dataDir().resolve("audit").resolve("checkpoints.log");
  }

  /**
   * The file, plus a copy in the bucket when recordings go to S3 (where object lock can make it
   * undeletable). With local blobs there is no copy: the recordings directory is the same disk.
   */
  public static AuditCheckpoints auditCheckpoints(AtalayaConfig config, MasterKey master, BlobStore blobs) {
    byte[] key = master.derive(CHECKPOINT_KEY_PURPOSE);
    FileAuditCheckpoints file = new FileAuditCheckpoints(checkpointFile(config), key);
    if (!config.blobsOnS3()) {
      return file;
    }
    return new AuditCheckpointCopies(List.of(file,
        new BlobAuditCheckpoints(blobs, checkpointFile(config).getParent(), key)));
  }

  @Override
  public void close() throws Exception {
    if (blobs instanceof AutoCloseable c) {
      c.close();
    }
  }
}

package org.atalaya.app;

import java.io.IOException;
import java.time.Clock;
import org.atalaya.app.config.AtalayaConfig;
import org.atalaya.store.Database;
import org.atalaya.store.blob.BlobStore;
import org.atalaya.store.blob.FileBlobStore;
import org.atalaya.store.blob.S3BlobStore;
import org.atalaya.store.vault.EncryptedRecordingStore;
import org.atalaya.store.vault.MasterKey;
import org.atalaya.store.vault.RecordingKeys;
import org.atalaya.store.vault.TenantKeyring;

/**
 * Opens the recording vault the same way for the server and for the CLI. Closing it closes the
 * blob store (the S3 client's connection pool).
 */
public record Vaults(TenantKeyring keyring, RecordingKeys keys, EncryptedRecordingStore store, BlobStore blobs)
    implements AutoCloseable {

  public static Vaults open(AtalayaConfig config, Database database, Clock clock) throws IOException {
    MasterKey master = MasterKey.load(System.getenv(MasterKey.ENV), config.masterKeyFile());
    TenantKeyring keyring = TenantKeyring.open(master, config.keystoreFile());
    RecordingKeys keys = new RecordingKeys(database.jdbi(), keyring, clock);
    BlobStore blobs = config.blobsOnS3() ? new S3BlobStore(config.s3Blobs()) : new FileBlobStore(config.recordingsDir());
    EncryptedRecordingStore store = new EncryptedRecordingStore(blobs, config.spoolDir(), keys);
    return new Vaults(keyring, keys, store, blobs);
  }

  @Override
  public void close() throws Exception {
    if (blobs instanceof AutoCloseable c) {
      c.close();
    }
  }
}

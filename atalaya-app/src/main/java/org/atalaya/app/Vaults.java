package org.atalaya.app;

import java.io.IOException;
import java.time.Clock;
import org.atalaya.app.config.AtalayaConfig;
import org.atalaya.store.Database;
import org.atalaya.store.blob.FileBlobStore;
import org.atalaya.store.vault.EncryptedRecordingStore;
import org.atalaya.store.vault.MasterKey;
import org.atalaya.store.vault.RecordingKeys;
import org.atalaya.store.vault.TenantKeyring;

/** Opens the recording vault the same way for the server and for the CLI. */
public record Vaults(TenantKeyring keyring, RecordingKeys keys, EncryptedRecordingStore store) {

  public static Vaults open(AtalayaConfig config, Database database, Clock clock) throws IOException {
    MasterKey master = MasterKey.load(System.getenv(MasterKey.ENV), config.masterKeyFile());
    TenantKeyring keyring = TenantKeyring.open(master, config.keystoreFile());
    RecordingKeys keys = new RecordingKeys(database.jdbi(), keyring, clock);
    EncryptedRecordingStore store = new EncryptedRecordingStore(new FileBlobStore(config.recordingsDir()),
        config.spoolDir(), keys);
    return new Vaults(keyring, keys, store);
  }
}

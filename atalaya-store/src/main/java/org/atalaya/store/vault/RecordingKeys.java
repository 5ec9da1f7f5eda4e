package org.atalaya.store.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * One data key per recording (a Tink streaming-AEAD keyset, AES-256-GCM-HKDF with 4 KiB
 * segments), stored wrapped by the tenant's key in {@code recording_keys}. Deleting the row is
 * crypto-erasure.
 *
 * <p>4 KiB segments keep what a crash can lose small: the encrypting stream holds at most one
 * unwritten segment (about 126 ms of stereo audio) besides what the recorder has not flushed.
 */
public final class RecordingKeys {
  private final Jdbi jdbi;
  private final TenantKeyring keyring;
  private final Clock clock;

  public RecordingKeys(Jdbi jdbi, TenantKeyring keyring, Clock clock) {
    this.jdbi = jdbi;
    this.keyring = keyring;
    this.clock = clock;
    Vault.register();
  }

  /** Makes, wraps and stores a new data key for {@code blobKey}; fails if one exists. */
  public StreamingAead create(String tenantId, String blobKey) throws IOException {
    try {
      KeysetHandle handle = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_4KB);
      String wrapped = wrap(handle, keyring.aead(tenantId), blobKey);
      long tenantKeyId = keyring.primaryKeyId(tenantId);
      jdbi.useHandle(h -> h.createUpdate("INSERT INTO recording_keys (blob_key, tenant_id, tenant_key_id, wrapped_key,"
              + " created_at) VALUES (:key, :tenant, :kid, :wrapped, :at)")
          .bind("key", blobKey).bind("tenant", tenantId).bind("kid", tenantKeyId).bind("wrapped", wrapped)
          .bind("at", clock.millis()).execute());
      return handle.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot make a data key for " + blobKey + ": " + e.getMessage(), e);
    }
  }

  /** The blob's data key, or empty when it never existed or was destroyed. */
  public Optional<StreamingAead> find(String blobKey) throws IOException {
    Optional<Row> row = row(blobKey);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    try {
      KeysetHandle handle = unwrap(row.get(), keyring.aead(row.get().tenantId()));
      return Optional.of(handle.getPrimitive(RegistryConfiguration.get(), StreamingAead.class));
    } catch (GeneralSecurityException e) {
      throw new IOException("the data key of " + blobKey + " cannot be unwrapped: " + e.getMessage(), e);
    }
  }

  /** Destroys the data key (crypto-erasure); true if it existed. */
  public boolean destroy(String blobKey) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM recording_keys WHERE blob_key = :key")
        .bind("key", blobKey).execute()) > 0;
  }

  /**
   * Re-wraps every data key of the tenant that is not yet under the tenant's primary key, after
   * a rotation; the audio is untouched. Returns how many keys were re-wrapped.
   */
  public int rewrap(String tenantId) throws IOException {
    Aead aead = keyring.aead(tenantId);
    long primary = keyring.primaryKeyId(tenantId);
    List<Row> stale = jdbi.withHandle(h -> h.createQuery("SELECT blob_key, tenant_id, wrapped_key FROM recording_keys"
            + " WHERE tenant_id = :tenant AND tenant_key_id <> :kid")
        .bind("tenant", tenantId).bind("kid", primary)
        .map((rs, ctx) -> new Row(rs.getString("blob_key"), rs.getString("tenant_id"), rs.getString("wrapped_key")))
        .list());
    int done = 0;
    for (Row row : stale) {
      try {
        String wrapped = wrap(unwrap(row, aead), aead, row.blobKey());
        done += jdbi.withHandle(h -> h.createUpdate("UPDATE recording_keys SET wrapped_key = :wrapped,"
                + " tenant_key_id = :kid WHERE blob_key = :key AND wrapped_key = :old")
            .bind("wrapped", wrapped).bind("kid", primary).bind("key", row.blobKey()).bind("old", row.wrapped())
            .execute());
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot re-wrap the data key of " + row.blobKey() + ": " + e.getMessage(), e);
      }
    }
    return done;
  }

  /** How many data keys of the tenant are wrapped by each tenant key id. */
  public java.util.Map<Long, Integer> countByTenantKey(String tenantId) {
    java.util.Map<Long, Integer> counts = new java.util.TreeMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT tenant_key_id, COUNT(*) AS n FROM recording_keys WHERE tenant_id = :tenant"
            + " GROUP BY tenant_key_id")
        .bind("tenant", tenantId)
        .map((rs, ctx) -> java.util.Map.entry(rs.getLong("tenant_key_id"), rs.getInt("n")))
        .forEach(e -> counts.put(e.getKey(), e.getValue())));
    return counts;
  }

  private Optional<Row> row(String blobKey) {
    return jdbi.withHandle(h -> h.createQuery("SELECT blob_key, tenant_id, wrapped_key FROM recording_keys"
            + " WHERE blob_key = :key")
        .bind("key", blobKey)
        .map((rs, ctx) -> new Row(rs.getString("blob_key"), rs.getString("tenant_id"), rs.getString("wrapped_key")))
        .findOne());
  }

  private static String wrap(KeysetHandle handle, Aead tenantAead, String blobKey) throws GeneralSecurityException {
    return Base64.getEncoder().encodeToString(
        TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, tenantAead, associated(blobKey)));
  }

  private static KeysetHandle unwrap(Row row, Aead tenantAead) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.parseEncryptedKeyset(Base64.getDecoder().decode(row.wrapped()), tenantAead,
        associated(row.blobKey()));
  }

  // Binds a wrapped key to its blob: a key row copied onto another blob's key does not unwrap.
  private static byte[] associated(String blobKey) {
    return ("atalaya-recording-key:" + blobKey).getBytes(StandardCharsets.UTF_8);
  }

  private record Row(String blobKey, String tenantId, String wrapped) {}
}

package org.atalaya.store.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tenants' key-encryption keys, kept in a keystore file whose every entry is a Tink keyset
 * encrypted by the master key. A tenant's keyset may hold several keys: rotation adds a new
 * primary that wraps new data keys, while the older keys stay to unwrap what they wrapped, so
 * rotating never touches audio. {@link RecordingKeys#rewrap} can then move every data key to
 * the new primary.
 *
 * <p>Threading: safe for concurrent use; changes are serialized and written atomically (temp
 * file + rename). The CLI may rotate while the server runs: each process re-reads the file when
 * it changed on disk before using or changing a key, so neither overwrites the other's rotation.
 */
public final class TenantKeyring {
  private static final String PREFIX = "tenant.";
  private final MasterKey master;
  private final Path file;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, KeysetHandle> keysets = new HashMap<>();
  private final Map<String, Aead> aeads = new HashMap<>();
  private java.nio.file.attribute.FileTime loadedModified;
  private long loadedLength = -1;

  private TenantKeyring(MasterKey master, Path file) {
    this.master = master;
    this.file = file;
  }

  /** Opens (or starts) the keystore; fails clearly when the master key does not open it. */
  public static TenantKeyring open(MasterKey master, Path file) throws IOException {
    TenantKeyring ring = new TenantKeyring(master, file);
    ring.lock.lock();
    try {
      ring.reloadIfChanged();
    } finally {
      ring.lock.unlock();
    }
    return ring;
  }

  // Called with the lock held.
  private void reloadIfChanged() throws IOException {
    if (file == null || !Files.exists(file)) {
      return;
    }
    java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(file);
    long length = Files.size(file);
    if (modified.equals(loadedModified) && length == loadedLength) {
      return;
    }
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    }
    Map<String, KeysetHandle> fresh = new HashMap<>();
    for (String name : props.stringPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        String tenant = name.substring(PREFIX.length());
        fresh.put(tenant, decrypt(tenant, props.getProperty(name)));
      }
    }
    keysets.putAll(fresh);
    aeads.keySet().removeIf(fresh::containsKey);
    loadedModified = modified;
    loadedLength = length;
  }

  /** A keyring that is never written to disk (tests). */
  public static TenantKeyring inMemory(MasterKey master) {
    return new TenantKeyring(master, null);
  }

  /** The tenant's AEAD, creating the tenant's first key on first use. */
  public Aead aead(String tenantId) throws IOException {
    lock.lock();
    try {
      reloadIfChanged();
      Aead aead = aeads.get(tenantId);
      if (aead == null) {
        KeysetHandle handle = keysets.get(tenantId);
        if (handle == null) {
          handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
          keysets.put(tenantId, handle);
          save();
        }
        aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        aeads.put(tenantId, aead);
      }
      return aead;
    } catch (GeneralSecurityException e) {
      throw new IOException("tenant key for '" + tenantId + "' is unusable: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** The id of the key that wraps new data keys for the tenant. */
  public long primaryKeyId(String tenantId) throws IOException {
    aead(tenantId);
    lock.lock();
    try {
      return Integer.toUnsignedLong(keysets.get(tenantId).getPrimary().getId());
    } finally {
      lock.unlock();
    }
  }

  /** Adds a new primary key for the tenant and returns its id; older keys stay for unwrapping. */
  public long rotate(String tenantId) throws IOException {
    aead(tenantId);
    lock.lock();
    try {
      reloadIfChanged();
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(keysets.get(tenantId));
      builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
          .withRandomId().makePrimary());
      KeysetHandle rotated = builder.build();
      keysets.put(tenantId, rotated);
      aeads.put(tenantId, rotated.getPrimitive(RegistryConfiguration.get(), Aead.class));
      save();
      return Integer.toUnsignedLong(rotated.getPrimary().getId());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot rotate the key of '" + tenantId + "': " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Tenants with a key, sorted. */
  public List<String> tenants() {
    lock.lock();
    try {
      return new ArrayList<>(new TreeSet<>(keysets.keySet()));
    } finally {
      lock.unlock();
    }
  }

  /** The ids of the tenant's keys, primary first. */
  public List<Long> keyIds(String tenantId) {
    lock.lock();
    try {
      KeysetHandle handle = keysets.get(tenantId);
      List<Long> ids = new ArrayList<>();
      if (handle != null) {
        ids.add(Integer.toUnsignedLong(handle.getPrimary().getId()));
        for (int i = 0; i < handle.size(); i++) {
          long id = Integer.toUnsignedLong(handle.getAt(i).getId());
          if (!ids.contains(id)) {
            ids.add(id);
          }
        }
      }
      return ids;
    } finally {
      lock.unlock();
    }
  }

  private KeysetHandle decrypt(String tenant, String base64) throws IOException {
    try {
      return TinkProtoKeysetFormat.parseEncryptedKeyset(Base64.getDecoder().decode(base64), master.aead(),
          associated(tenant));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("the keystore " + file + " cannot be opened with the master key from "
          + master.source() + " (tenant '" + tenant + "'): wrong master key or a damaged keystore", e);
    }
  }

  private void save() throws IOException, GeneralSecurityException {
    if (file == null) {
      return;
    }
    Properties props = new Properties();
    for (var e : keysets.entrySet()) {
      byte[] enc = TinkProtoKeysetFormat.serializeEncryptedKeyset(e.getValue(), master.aead(), associated(e.getKey()));
      props.setProperty(PREFIX + e.getKey(), Base64.getEncoder().encodeToString(enc));
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "keystore", ".tmp");
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      props.store(out, "Atalaya tenant keys, each encrypted by the master key. Losing this file loses every recording.");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    loadedModified = Files.getLastModifiedTime(file);
    loadedLength = Files.size(file);
  }

  // Binds each encrypted keyset to its tenant: swapping two entries in the file fails to decrypt.
  private static byte[] associated(String tenant) {
    return ("atalaya-keystore:" + tenant).getBytes(StandardCharsets.UTF_8);
  }
}

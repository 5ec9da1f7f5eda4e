package org.atalaya.store.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installation's master key: 32 random bytes that encrypt the keystore of tenant keys. It
 * comes from the environment ({@code ATALAYA_MASTER_KEY}, base64) or from a file; the file is
 * created on first start so the embedded demo runs with no setup. In production keep the file
 * on another volume than the recordings, or pass the key in the environment, so a stolen disk of
 * recordings and database does not carry its own key.
 */
public final class MasterKey {
  public static final String ENV = "ATALAYA_MASTER_KEY";
  private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);
  private static final int BYTES = 32;

  private final Aead aead;
  private final String source;
  /** Kept only to derive purpose keys; never written, logged or handed out. */
  private final byte[] raw;

  private MasterKey(byte[] raw, String source) throws GeneralSecurityException {
    this.source = source;
    this.raw = raw.clone();
    Vault.register();
    AesGcmParameters params = AesGcmParameters.builder()
        .setKeySizeBytes(BYTES).setIvSizeBytes(12).setTagSizeBytes(16)
        .setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
    AesGcmKey key = AesGcmKey.builder().setParameters(params)
        .setKeyBytes(SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get())).build();
    this.aead = KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).withFixedId(1).makePrimary()).build()
        .getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  /** From the environment value if set, else from {@code file}, creating it when absent. */
  public static MasterKey load(String envValue, Path file) throws IOException {
    try {
      if (envValue != null && !envValue.isBlank()) {
        return new MasterKey(decode(envValue.trim(), ENV), "environment " + ENV);
      }
      if (!Files.exists(file)) {
        create(file);
      }
      return new MasterKey(decode(Files.readString(file).trim(), file.toString()), "file " + file);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use the master key: " + e.getMessage(), e);
    }
  }

  /**
   * Like {@link #load} but never creates the file: a tool that only checks (audit verify) must not
   * make a key the node does not use. Empty when neither the environment nor the file has one.
   */
  public static Optional<MasterKey> loadIfPresent(String envValue, Path file) throws IOException {
    if ((envValue == null || envValue.isBlank()) && !Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(load(envValue, file));
  }

  /**
   * A 32-byte key for one purpose, derived with HKDF-SHA256 (RFC 5869, no salt) with
   * {@code purpose} as the info: knowing a derived key reveals neither the master key nor
   * another purpose's key, so the master key itself never signs or encrypts anything else.
   */
  public byte[] derive(String purpose) {
    return hkdf(raw, purpose.getBytes(StandardCharsets.UTF_8));
  }

  /** HKDF-SHA256 extract (salt of zeros) and one expand block: 32 bytes of output. */
  static byte[] hkdf(byte[] ikm, byte[] info) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
      byte[] prk = mac.doFinal(ikm);
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      mac.update(info);
      mac.update((byte) 1);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /** A fresh random key that lives only in memory (tests). */
  public static MasterKey ephemeral() {
    byte[] raw = new byte[BYTES];
    new SecureRandom().nextBytes(raw);
    try {
      return new MasterKey(raw, "memory");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new base64 master key, for {@code atalaya keys new-master} and for the demo's first start. */
  public static String generate() {
    byte[] raw = new byte[BYTES];
    new SecureRandom().nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  Aead aead() {
    return aead;
  }

  /** Where the key came from, for logs (never the key itself). */
  public String source() {
    return source;
  }

  private static void create(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      return; // another process made it first; use theirs
    }
    Files.writeString(file, generate() + "\n");
    LOG.warn("created a new master key in {}: back it up, without it no recording can be read", file);
  }

  private static byte[] decode(String base64, String where) throws IOException {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IOException("master key in " + where + " is not base64");
    }
    if (raw.length != BYTES) {
      throw new IOException("master key in " + where + " must be " + BYTES + " bytes, found " + raw.length);
    }
    return raw;
  }
}

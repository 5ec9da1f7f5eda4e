package org.atalaya.store.vault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.recording.RecordingRepository;
import org.atalaya.media.RecordingSink;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts the plaintext recordings an earlier Atalaya (before the vault) left in the local
 * recordings directory, so an upgrade loses nothing and leaves no clear audio behind.
 *
 * <p>Each file is first moved aside into {@code legacyDir}, then written through the encrypting
 * store under its old key, then the clear copy is deleted. A crash in between leaves the clear
 * copy aside; the next start discards the half-written encrypted one and imports it again.
 * Run before {@link EncryptedRecordingStore#recoverInterrupted}.
 */
public final class LegacyPlaintextImport {
  private static final Logger LOG = LoggerFactory.getLogger(LegacyPlaintextImport.class);
  private final Jdbi jdbi;
  private final RecordingRepository recordings;
  private final EncryptedRecordingStore store;
  private final Path recordingsDir;
  private final Path legacyDir;

  public LegacyPlaintextImport(Jdbi jdbi, RecordingRepository recordings, EncryptedRecordingStore store,
      Path recordingsDir, Path legacyDir) {
    this.jdbi = jdbi;
    this.recordings = recordings;
    this.store = store;
    this.recordingsDir = recordingsDir.toAbsolutePath().normalize();
    this.legacyDir = legacyDir.toAbsolutePath().normalize();
  }

  /** Imports every legacy recording; returns how many were encrypted. */
  public int importAll() throws IOException {
    // An earlier attempt died half-way: drop its partial ciphertext and key, keep the clear copy.
    for (String key : asideKeys()) {
      store.delete(key);
    }
    int imported = 0;
    for (Legacy row : rows()) {
      Path aside = legacyDir.resolve(row.key()).normalize();
      Path clear = recordingsDir.resolve(row.key()).normalize();
      if (!aside.startsWith(legacyDir) || !clear.startsWith(recordingsDir)) {
        LOG.warn("skipping legacy recording {} with a key outside the data directory", row.id());
        continue;
      }
      if (Files.exists(aside)) {
        // moved aside by the attempt that died: import from there
      } else if (Files.isRegularFile(clear)) {
        Files.createDirectories(aside.getParent());
        Files.move(clear, aside, StandardCopyOption.ATOMIC_MOVE);
      } else {
        continue;
      }
      encrypt(row, aside);
      Files.delete(aside);
      imported++;
    }
    if (imported > 0) {
      LOG.info("encrypted {} recordings stored in the clear by an earlier version", imported);
    }
    return imported;
  }

  private void encrypt(Legacy row, Path clear) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long size = 0;
    RecordingSink sink = store.create(row.tenantId(), row.key());
    try (InputStream in = new DigestInputStream(Files.newInputStream(clear), sha)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        sink.write(buf, 0, n);
        size += n;
      }
    } finally {
      sink.close();
    }
    if (row.status() == RecordingInfo.Status.RECORDING) {
      // The earlier version crashed during this call and never finalized it.
      recordings.recovered(row.id(), size / 32, size, HexFormat.of().formatHex(sha.digest()));
    }
  }

  // Recordings without a data key: written before the vault existed.
  private List<Legacy> rows() {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, tenant_id, storage_key, status FROM recordings r"
            + " WHERE status <> 'DELETED' AND NOT EXISTS"
            + " (SELECT 1 FROM recording_keys k WHERE k.blob_key = r.storage_key) ORDER BY id")
        .map((rs, ctx) -> new Legacy(rs.getString("id"), rs.getString("tenant_id"), rs.getString("storage_key"),
            RecordingInfo.Status.valueOf(rs.getString("status"))))
        .list());
  }

  /** Whether clear copies are waiting in the side directory (a crash during import). */
  boolean pending() throws IOException {
    return !asideKeys().isEmpty();
  }

  private List<String> asideKeys() throws IOException {
    if (!Files.exists(legacyDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(legacyDir)) {
      return files.filter(Files::isRegularFile)
          .map(p -> legacyDir.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
  }

  private record Legacy(String id, String tenantId, String key, RecordingInfo.Status status) {}
}

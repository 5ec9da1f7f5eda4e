package org.atalaya.store.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.atalaya.core.recording.RecordingStore.RecoveredBlob;
import org.atalaya.media.RecordingSink;
import org.atalaya.store.Database;
import org.atalaya.store.blob.BlobStore;
import org.atalaya.store.blob.FileBlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedRecordingStoreTest {
  @TempDir Path dir;
  private Database db;
  private MasterKey master;
  private TenantKeyring keyring;
  private RecordingKeys keys;
  private EncryptedRecordingStore store;

  @BeforeEach
  void open() throws IOException {
    db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    master = MasterKey.load(null, dir.resolve("master.key"));
    keyring = TenantKeyring.open(master, dir.resolve("keystore.properties"));
    reopenStore();
  }

  private void reopenStore() throws IOException {
    keys = new RecordingKeys(db.jdbi(), keyring, Clock.fixed(java.time.Instant.parse("2026-11-22T10:00:00Z"), java.time.ZoneOffset.UTC));
    store = new EncryptedRecordingStore(new FileBlobStore(dir.resolve("blobs")), dir.resolve("spool"), keys);
  }

  @AfterEach
  void close() throws Exception {
    db.dataSource().getConnection().createStatement().execute("SHUTDOWN");
    db.close();
  }

  @Test
  void roundTripAndSeekAnywhere() throws IOException {
    byte[] pcm = pcm(200_000, 1);
    write("default", "default/2026/11/23/a.pcm", pcm, true);

    assertThat(store.size("default/2026/11/23/a.pcm")).isEqualTo(pcm.length);
    assertThat(read("default/2026/11/23/a.pcm", 0)).isEqualTo(pcm);
    for (int offset : new int[] {1, 4039, 4040, 4041, 8120, 100_003, 199_999}) {
      assertThat(read("default/2026/11/23/a.pcm", offset)).as("from %d", offset)
          .isEqualTo(Arrays.copyOfRange(pcm, offset, pcm.length));
    }
    assertThat(Files.exists(dir.resolve("spool/default/2026/11/23/a.pcm"))).as("moved out of the spool").isFalse();
    assertThat(Files.exists(dir.resolve("blobs/default/2026/11/23/a.pcm"))).isTrue();
  }

  @Test
  void noPlaintextReachesTheDiskWhileWritingOrAfter() throws IOException {
    byte[] pcm = pcm(120_000, 2);
    RecordingSink sink = store.create("default", "default/live.pcm");
    sink.write(pcm, 0, pcm.length);
    sink.flush();
    assertNoPlaintextUnder(dir, pcm);
    sink.close();
    assertNoPlaintextUnder(dir, pcm);
    assertThat(read("default/live.pcm", 0)).isEqualTo(pcm);
  }

  @Test
  void aRecordingStillBeingWrittenReadsUpToItsLastCompleteSegment() throws IOException {
    byte[] pcm = pcm(50_000, 3);
    RecordingSink sink = store.create("default", "default/running.pcm");
    sink.write(pcm, 0, pcm.length);
    sink.flush();
    long size = store.size("default/running.pcm");
    assertThat(size).isBetween(50_000L - 2 * 4080, 50_000L);
    assertThat(read("default/running.pcm", 0)).isEqualTo(Arrays.copyOf(pcm, (int) size));
    sink.close();
    assertThat(store.size("default/running.pcm")).isEqualTo(50_000);
  }

  @Test
  void anInterruptedRecordingIsRecoveredUpToItsLastCompleteSegment() throws Exception {
    byte[] pcm = pcm(96_000, 4); // three seconds of stereo 8 kHz
    RecordingSink sink = store.create("default", "default/crash.pcm");
    sink.write(pcm, 0, pcm.length);
    sink.flush();
    // The process dies here: the sink is never closed. A new process opens the same directories.
    reopenStore();

    List<RecoveredBlob> recovered = store.recoverInterrupted();

    assertThat(recovered).hasSize(1);
    RecoveredBlob r = recovered.getFirst();
    assertThat(r.key()).isEqualTo("default/crash.pcm");
    assertThat(r.bytes()).as("at most two 4 KiB segments lost").isBetween(96_000L - 2 * 4080, 96_000L);
    assertThat(r.bytes() % 4).as("whole stereo frames").isZero();
    byte[] kept = Arrays.copyOf(pcm, (int) r.bytes());
    assertThat(r.sha256()).isEqualTo(sha256(kept));
    assertThat(read("default/crash.pcm", 0)).isEqualTo(kept);
    assertThat(store.spooledKeys()).isEmpty();
    assertThat(store.recoverInterrupted()).as("nothing left to recover").isEmpty();
  }

  @Test
  void aFinishedRecordingTheBlobStoreRefusedIsPublishedAtStartUp() throws Exception {
    byte[] pcm = pcm(10_000, 5);
    write("default", "default/late.pcm", pcm, true);
    // Simulate a blob store that was down at finalize: put the ciphertext back in the spool.
    Path blob = dir.resolve("blobs/default/late.pcm");
    Files.createDirectories(dir.resolve("spool/default"));
    Files.move(blob, dir.resolve("spool/default/late.pcm"));

    assertThat(store.recoverInterrupted()).as("whole, so published as is, not recovered").isEmpty();
    assertThat(read("default/late.pcm", 0)).isEqualTo(pcm);
  }

  @Test
  void aRecordingTheBlobStoreRefusesWaitsInTheSpoolAndIsRetried() throws IOException {
    Path blobs = dir.resolve("flaky");
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
    FileBlobStore real = new FileBlobStore(blobs);
    BlobStore flaky = new BlobStore() {
      @Override public void put(String key, Path file) throws IOException {
        if (down.get()) {
          throw new IOException("503 Slow Down");
        }
        real.put(key, file);
      }
      @Override public java.nio.channels.SeekableByteChannel open(String key) throws IOException { return real.open(key); }
      @Override public long size(String key) throws IOException { return real.size(key); }
      @Override public boolean exists(String key) { return real.exists(key); }
      @Override public boolean delete(String key) throws IOException { return real.delete(key); }
      @Override public List<String> list(String prefix) throws IOException { return real.list(prefix); }
    };
    store = new EncryptedRecordingStore(flaky, dir.resolve("spool"), keys);
    byte[] pcm = pcm(9_000, 15);
    write("default", "default/outage.pcm", pcm, true);

    assertThat(store.spooledKeys()).containsExactly("default/outage.pcm");
    assertThat(store.retryUnpublished()).as("still down").isEqualTo(1);
    down.set(false);
    assertThat(store.retryUnpublished()).isZero();
    assertThat(store.spooledKeys()).isEmpty();
    assertThat(read("default/outage.pcm", 0)).isEqualTo(pcm);
  }

  @Test
  void deletingDestroysTheKeySoACopiedBlobIsUnreadable() throws IOException {
    byte[] pcm = pcm(20_000, 6);
    write("default", "default/gdpr.pcm", pcm, true);
    Path copy = Files.copy(dir.resolve("blobs/default/gdpr.pcm"), dir.resolve("backup.bin"));

    assertThat(store.delete("default/gdpr.pcm")).isTrue();

    assertThatThrownBy(() -> store.open("default/gdpr.pcm", 0)).isInstanceOf(NoSuchFileException.class);
    assertThat(keys.find("default/gdpr.pcm")).isEmpty();
    assertThat(Files.exists(dir.resolve("blobs/default/gdpr.pcm"))).isFalse();
    Files.move(copy, dir.resolve("blobs/default/gdpr.pcm"));
    assertThatThrownBy(() -> store.open("default/gdpr.pcm", 0)).as("restored from backup, still no key")
        .isInstanceOf(NoSuchFileException.class);
    assertThat(store.delete("default/gdpr.pcm")).isTrue();
    assertThat(store.delete("default/gdpr.pcm")).isFalse();
  }

  @Test
  void aTamperedBlobFailsToDecrypt() throws IOException {
    byte[] pcm = pcm(30_000, 7);
    write("default", "default/t.pcm", pcm, true);
    Path blob = dir.resolve("blobs/default/t.pcm");
    byte[] bytes = Files.readAllBytes(blob);
    bytes[10_000] ^= 1;
    Files.write(blob, bytes);

    assertThatThrownBy(() -> read("default/t.pcm", 0)).isInstanceOf(IOException.class);
  }

  @Test
  void aBlobMovedUnderAnotherKeyDoesNotDecrypt() throws IOException {
    write("default", "default/x.pcm", pcm(9_000, 8), true);
    write("default", "default/y.pcm", pcm(9_000, 9), true);
    Files.copy(dir.resolve("blobs/default/x.pcm"), dir.resolve("blobs/default/y.pcm"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> read("default/y.pcm", 0)).isInstanceOf(IOException.class);
  }

  @Test
  void rotatingATenantKeyKeepsOldRecordingsReadableAndRewrapMovesTheirKeys() throws IOException {
    byte[] a = pcm(12_000, 10);
    byte[] b = pcm(12_000, 11);
    write("default", "default/a.pcm", a, true);
    long first = keyring.primaryKeyId("default");
    long second = keyring.rotate("default");
    write("default", "default/b.pcm", b, true);
    write("acme", "acme/c.pcm", a, true);

    assertThat(second).isNotEqualTo(first);
    assertThat(keys.countByTenantKey("default")).containsEntry(first, 1).containsEntry(second, 1);
    // A new process with the same master key opens the keystore file and reads both.
    keyring = TenantKeyring.open(MasterKey.load(null, dir.resolve("master.key")), dir.resolve("keystore.properties"));
    reopenStore();
    assertThat(keyring.keyIds("default")).containsExactly(second, first);
    assertThat(read("default/a.pcm", 0)).isEqualTo(a);
    assertThat(read("default/b.pcm", 0)).isEqualTo(b);

    assertThat(keys.rewrap("default")).isEqualTo(1);
    assertThat(keys.countByTenantKey("default")).containsOnlyKeys(second).containsEntry(second, 2);
    assertThat(read("default/a.pcm", 0)).isEqualTo(a);
    assertThat(keys.countByTenantKey("acme")).hasSize(1);
  }

  @Test
  void aRotationByAnotherProcessIsSeenAndNotOverwritten() throws IOException {
    write("default", "default/before.pcm", pcm(5_000, 13), true);
    // The CLI, in another process, opens the same keystore and rotates.
    TenantKeyring cli = TenantKeyring.open(MasterKey.load(null, dir.resolve("master.key")), dir.resolve("keystore.properties"));
    long rotated = cli.rotate("default");
    // The server notices before its next use and wraps new recordings with the rotated key.
    write("default", "default/after.pcm", pcm(5_000, 14), true);
    assertThat(keyring.primaryKeyId("default")).isEqualTo(rotated);
    keyring.aead("acme"); // a server-side save must keep the CLI's rotation
    TenantKeyring reread = TenantKeyring.open(MasterKey.load(null, dir.resolve("master.key")), dir.resolve("keystore.properties"));
    assertThat(reread.primaryKeyId("default")).isEqualTo(rotated);
    assertThat(reread.keyIds("default")).hasSize(2);
    assertThat(read("default/before.pcm", 0)).hasSize(5_000);
  }

  @Test
  void theKeystoreRefusesAnotherMasterKey() throws IOException {
    keyring.aead("default");
    Path other = dir.resolve("other.key");
    Files.writeString(other, MasterKey.generate());

    assertThatThrownBy(() -> TenantKeyring.open(MasterKey.load(null, other), dir.resolve("keystore.properties")))
        .isInstanceOf(IOException.class).hasMessageContaining("cannot be opened with the master key");
    assertThatThrownBy(() -> MasterKey.load("not base64!", other)).hasMessageContaining("not base64");
    assertThatThrownBy(() -> MasterKey.load("AAAA", other)).hasMessageContaining("must be 32 bytes");
  }

  @Test
  void badKeysAndDuplicatesAreRefused() throws IOException {
    write("default", "default/dup.pcm", pcm(100, 12), true);
    assertThatThrownBy(() -> store.create("default", "default/dup.pcm"))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    for (String bad : new String[] {"../x", "/abs", "a\\b", "c:d", ""}) {
      assertThatThrownBy(() -> store.create("default", bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private void write(String tenant, String key, byte[] pcm, boolean close) throws IOException {
    RecordingSink sink = store.create(tenant, key);
    for (int off = 0; off < pcm.length; off += 640) {
      sink.write(pcm, off, Math.min(640, pcm.length - off));
    }
    if (close) {
      sink.close();
    }
  }

  private byte[] read(String key, long offset) throws IOException {
    try (InputStream in = store.open(key, offset)) {
      return in.readAllBytes();
    }
  }

  /** Recognisable, non-repeating audio-like bytes. */
  static byte[] pcm(int length, long seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Fails if any file under {@code root} contains one of several 32-byte windows of the plaintext. */
  static void assertNoPlaintextUnder(Path root, byte[] plaintext) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] content = Files.readAllBytes(f);
        for (int at = 0; at + 32 <= plaintext.length; at += plaintext.length / 16) {
          byte[] window = Arrays.copyOfRange(plaintext, at, at + 32);
          assertThat(indexOf(content, window)).as("plaintext at %d found in %s", at, f).isEqualTo(-1);
        }
      }
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}

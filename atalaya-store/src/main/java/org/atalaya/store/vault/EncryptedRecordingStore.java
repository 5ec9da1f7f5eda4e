package org.atalaya.store.vault;

import com.google.crypto.tink.StreamingAead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.atalaya.core.recording.RecordingStore;
import org.atalaya.media.RecordingSink;
import org.atalaya.store.blob.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recordings encrypted at rest. Each recording gets its own data key (see {@link RecordingKeys});
 * audio is encrypted as it is written, into a spool file on local disk while the call runs, and
 * the finished ciphertext is moved into the {@link BlobStore}. Reads decrypt through Tink's
 * seekable channel, so an HTTP Range request decrypts only the segments it needs. No plaintext
 * audio is ever written to a file.
 *
 * <p>Deleting destroys the data key first: from then on the blob, and any backup of it, is noise.
 */
public final class EncryptedRecordingStore implements RecordingStore {
  private static final Logger LOG = LoggerFactory.getLogger(EncryptedRecordingStore.class);
  private static final String RECOVERING = ".recovering";

  private final BlobStore blobs;
  private final Path spool;
  private final RecordingKeys keys;
  /** Finished recordings the blob store refused; they wait in the spool. */
  private final java.util.Set<String> unpublished = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.locks.ReentrantLock retrying = new java.util.concurrent.locks.ReentrantLock();

  public EncryptedRecordingStore(BlobStore blobs, Path spool, RecordingKeys keys) throws IOException {
    this.blobs = blobs;
    this.spool = Files.createDirectories(spool.toAbsolutePath().normalize());
    this.keys = keys;
  }

  @Override
  public RecordingSink create(String tenantId, String key) throws IOException {
    Path file = spoolFile(key);
    if (blobs.exists(key) || Files.exists(file)) {
      throw new java.nio.file.FileAlreadyExistsException(key);
    }
    StreamingAead aead = keys.create(tenantId, key);
    Files.createDirectories(file.getParent());
    OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      return new Sink(key, file, aead.newEncryptingStream(out, associated(key)));
    } catch (GeneralSecurityException e) {
      out.close();
      throw new IOException("cannot start encrypting " + key, e);
    }
  }

  @Override
  public InputStream open(String key, long offset) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
    SeekableByteChannel channel = plaintext(key);
    try {
      channel.position(offset);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return Channels.newInputStream(channel);
  }

  @Override
  public long size(String key) throws IOException {
    try (SeekableByteChannel channel = plaintext(key)) {
      return channel.size();
    }
  }

  @Override
  public boolean delete(String key) throws IOException {
    Path file = spoolFile(key);
    boolean keyed = keys.destroy(key);
    boolean blob = blobs.delete(key);
    boolean spooled = Files.deleteIfExists(file);
    return keyed || blob || spooled;
  }

  @Override
  public List<RecoveredBlob> recoverInterrupted() throws IOException {
    List<RecoveredBlob> recovered = new ArrayList<>();
    for (String key : spooledKeys()) {
      Path file = spoolFile(key);
      Optional<StreamingAead> aead = keys.find(key);
      if (aead.isEmpty()) {
        LOG.warn("spooled recording {} has no data key (erased or never keyed): its ciphertext is unreadable, removing it", key);
        Files.delete(file);
        continue;
      }
      if (isWhole(aead.get(), key, file)) {
        // Finished but not yet moved (the blob store was down): just publish it.
        blobs.put(key, file);
        LOG.info("published finished recording {} left in the spool", key);
        continue;
      }
      recovered.add(salvage(aead.get(), key, file));
    }
    return recovered;
  }

  /**
   * Retries publishing finished recordings the blob store refused (an S3 outage); the node calls
   * it periodically. Returns how many are still waiting.
   */
  public int retryUnpublished() {
    if (!retrying.tryLock()) {
      return unpublished.size(); // a slow upload is still going: skip this round
    }
    try {
      retryEach();
    } finally {
      retrying.unlock();
    }
    return unpublished.size();
  }

  private void retryEach() {
    for (String key : unpublished) {
      try {
        blobs.put(key, spoolFile(key));
        unpublished.remove(key);
        LOG.info("recording {} published after an earlier failure", key);
      } catch (IOException e) {
        LOG.debug("recording {} still cannot be published: {}", key, e.toString());
      }
    }
  }

  /** Keys of the files in the spool (finished-but-unpublished and interrupted recordings). */
  List<String> spooledKeys() throws IOException {
    List<String> keys = new ArrayList<>();
    try (Stream<Path> files = Files.walk(spool)) {
      files.filter(Files::isRegularFile)
          .map(p -> spool.relativize(p).toString().replace('\\', '/'))
          .filter(k -> !k.endsWith(RECOVERING))
          .sorted()
          .forEach(keys::add);
    }
    return keys;
  }

  private SeekableByteChannel plaintext(String key) throws IOException {
    Path file = spoolFile(key); // validates the key before anything is looked up
    StreamingAead aead = keys.find(key)
        .orElseThrow(() -> new NoSuchFileException(key, null, "no data key: never recorded or erased"));
    try {
      if (blobs.exists(key)) {
        // Tink's multi-key channel knows its size only after a first read; the layout gives it now.
        SeekableByteChannel ciphertext = blobs.open(key);
        long size = Segments.closedPlaintext(ciphertext.size());
        return Segments.bounded(aead.newSeekableDecryptingChannel(ciphertext, associated(key)), size);
      }
      if (!Files.exists(file)) {
        throw new NoSuchFileException(key);
      }
      // Still being written: the complete segments so far.
      FileChannel ciphertext = FileChannel.open(file, StandardOpenOption.READ);
      long readable = Segments.readablePlaintext(ciphertext.size());
      return Segments.bounded(
          aead.newSeekableDecryptingChannel(Segments.withFakeTail(ciphertext), associated(key)), readable);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot decrypt " + key, e);
    }
  }

  private static boolean isWhole(StreamingAead aead, String key, Path file) throws IOException {
    try (SeekableByteChannel in = aead.newSeekableDecryptingChannel(FileChannel.open(file), associated(key))) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(64 * 1024);
      while (in.read(buf) >= 0) {
        buf.clear();
      }
      return true;
    } catch (IOException | GeneralSecurityException e) {
      return false;
    }
  }

  /** Re-encrypts the complete segments of an interrupted stream as a closed stream and publishes it. */
  private RecoveredBlob salvage(StreamingAead aead, String key, Path file) throws IOException {
    Path fixed = file.resolveSibling(file.getFileName() + RECOVERING);
    long readable;
    HashingOutput hashed;
    try (FileChannel ciphertext = FileChannel.open(file, StandardOpenOption.READ);
        InputStream in = Channels.newInputStream(Segments.bounded(aead.newSeekableDecryptingChannel(
            Segments.withFakeTail(ciphertext), associated(key)), Segments.readablePlaintext(ciphertext.size())))) {
      readable = Segments.readablePlaintext(ciphertext.size());
      // A new stream under the same data key: Tink draws a fresh salt and nonce prefix per stream.
      try (OutputStream out = aead.newEncryptingStream(Files.newOutputStream(fixed), associated(key))) {
        hashed = new HashingOutput(out);
        in.transferTo(hashed);
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot recover " + key, e);
    }
    if (hashed.count() != readable) {
      throw new IOException("recovered " + hashed.count() + " of " + readable + " bytes of " + key);
    }
    blobs.put(key, fixed);
    Files.delete(file);
    LOG.warn("recovered interrupted recording {}: {} bytes of audio kept", key, readable);
    return new RecoveredBlob(key, readable, hashed.sha256Hex());
  }

  private Path spoolFile(String key) {
    if (key == null || key.isEmpty() || key.contains("..") || key.contains("\\") || key.startsWith("/")
        || key.indexOf(':') >= 0 || key.indexOf('\0') >= 0 || key.endsWith(RECOVERING)) {
      throw new IllegalArgumentException("invalid recording key '" + key + "'");
    }
    Path file = spool.resolve(key).normalize();
    if (!file.startsWith(spool) || file.equals(spool)) {
      throw new IllegalArgumentException("invalid recording key '" + key + "'");
    }
    return file;
  }

  // Binds the ciphertext to its key: a blob copied under another key does not decrypt.
  private static byte[] associated(String key) {
    return ("atalaya-recording:" + key).getBytes(StandardCharsets.UTF_8);
  }

  /** Threading: the recorder's single writer thread calls write, flush and close. */
  private final class Sink implements RecordingSink {
    private final String key;
    private final Path file;
    private final OutputStream encrypting;

    Sink(String key, Path file, OutputStream encrypting) {
      this.key = key;
      this.file = file;
      this.encrypting = encrypting;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
      encrypting.write(buffer, offset, length);
    }

    @Override
    public void flush() throws IOException {
      encrypting.flush();
    }

    @Override
    public void close() throws IOException {
      encrypting.close();
      try {
        blobs.put(key, file);
      } catch (IOException e) {
        // The ciphertext is safe in the spool; retryUnpublished() or the next start moves it.
        unpublished.add(key);
        LOG.error("recording {} stays in the spool: the blob store refused it", key, e);
      }
    }
  }
}

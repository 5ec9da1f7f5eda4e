package org.atalaya.store.recording.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.atalaya.core.recording.RecordingStore;
import org.atalaya.media.RecordingSink;

/** Recording blobs as plain files under a root directory, one file per key. */
public final class FileRecordingStore implements RecordingStore {
  private final Path root;

  public FileRecordingStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public RecordingSink create(String tenantId, String key) throws IOException {
    Path file = resolve(key);
    Files.createDirectories(file.getParent());
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    return new FileSink(channel);
  }

  @Override
  public InputStream open(String key, long offset) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
    FileChannel channel = FileChannel.open(resolve(key), StandardOpenOption.READ);
    try {
      channel.position(offset);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return Channels.newInputStream(channel);
  }

  @Override
  public long size(String key) throws IOException {
    return Files.size(resolve(key));
  }

  @Override
  public boolean delete(String key) throws IOException {
    return Files.deleteIfExists(resolve(key));
  }

  /** Maps a key to a file inside the root; keys come from metadata, so never trust them blindly. */
  private Path resolve(String key) {
    if (key == null || key.isEmpty() || key.contains("..") || key.contains("\\") || key.startsWith("/")
        || key.indexOf(':') >= 0 || key.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid recording key '" + key + "'");
    }
    Path file = root.resolve(key).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new IllegalArgumentException("invalid recording key '" + key + "'");
    }
    return file;
  }

  /** Threading: the recorder's single writer thread calls write, flush and close. */
  private static final class FileSink implements RecordingSink {
    private final FileChannel channel;

    FileSink(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
      ByteBuffer b = ByteBuffer.wrap(buffer, offset, length);
      while (b.hasRemaining()) {
        channel.write(b);
      }
    }

    @Override
    public void flush() throws IOException {
      // Data only, not metadata: enough to bound what a crash loses to the last flush.
      channel.force(false);
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}

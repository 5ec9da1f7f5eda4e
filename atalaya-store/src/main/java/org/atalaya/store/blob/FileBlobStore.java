package org.atalaya.store.blob;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Blobs as files under a root directory, one file per key. {@link #put} moves the spooled file
 * into place (a rename when both are on one file system), so a finished recording is never
 * copied through user space.
 */
public final class FileBlobStore implements BlobStore {
  private final Path root;

  public FileBlobStore(Path root) throws IOException {
    this.root = Files.createDirectories(root.toAbsolutePath().normalize());
  }

  @Override
  public void put(String key, Path file) throws IOException {
    Path target = resolve(key);
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(key);
    }
    Files.createDirectories(target.getParent());
    try {
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Spool and blob directory on different file systems: copy, then drop the spooled file.
      Path partial = target.resolveSibling(target.getFileName() + BlobKeys.PARTIAL);
      Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(file);
    }
  }

  @Override
  public SeekableByteChannel open(String key) throws IOException {
    return FileChannel.open(resolve(key), StandardOpenOption.READ);
  }

  @Override
  public long size(String key) throws IOException {
    return Files.size(resolve(key));
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(resolve(key));
  }

  @Override
  public boolean delete(String key) throws IOException {
    return Files.deleteIfExists(resolve(key));
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    List<String> keys = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(k -> k.startsWith(prefix) && !k.endsWith(BlobKeys.PARTIAL))
          .sorted()
          .forEach(keys::add);
    }
    return keys;
  }

  /** Maps a key to a file inside the root. */
  Path resolve(String key) {
    Path file = root.resolve(BlobKeys.check(key)).normalize();
    // BlobKeys already refuses every escape; this second look costs nothing and guards a future rule change.
    if (!file.startsWith(root) || file.equals(root)) {
      throw new IllegalArgumentException("invalid blob key '" + key + "'");
    }
    return file;
  }
}

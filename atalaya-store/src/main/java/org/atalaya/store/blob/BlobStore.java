package org.atalaya.store.blob;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * Where finished recording blobs rest: a local directory (default) or an S3-compatible bucket.
 * Blobs hold ciphertext only; the encrypting store above decides what goes in. While a call runs
 * its audio is spooled to a local file, and {@link #put} moves the finished file here, so a
 * backend never needs append or partial writes.
 *
 * <p>Keys are relative paths such as {@code default/2026/11/22/<id>.rec}; implementations reject
 * keys that are empty, absolute, contain {@code ..}, a backslash, a colon or NUL.
 *
 * <p>Threading: safe for concurrent use by different keys.
 */
public interface BlobStore {
  /** Stores the whole content of {@code file} under {@code key}; fails with FileAlreadyExistsException if the key exists. */
  void put(String key, Path file) throws IOException;

  /** A read-only, seekable view of the blob; NoSuchFileException if absent. */
  SeekableByteChannel open(String key) throws IOException;

  /** The blob's size in bytes; NoSuchFileException if absent. */
  long size(String key) throws IOException;

  /** Whether the key exists. */
  boolean exists(String key) throws IOException;

  /** Deletes the blob; true if it existed. */
  boolean delete(String key) throws IOException;

  /** Keys that start with {@code prefix} (may be empty), in lexical order. */
  List<String> list(String prefix) throws IOException;
}

package org.atalaya.core.recording;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.atalaya.media.RecordingSink;

/**
 * Where recording audio lives (a local directory by default). Keys are relative paths such as
 * {@code 2026/11/22/<id>.pcm}.
 */
public interface RecordingStore {
  /**
   * Creates a new blob for a recording of {@code tenantId} and returns a sink appending to it;
   * fails if the key exists. The tenant selects the key that protects the blob at rest.
   */
  RecordingSink create(String tenantId, String key) throws IOException;

  /** Opens the blob for reading from {@code offset}. */
  InputStream open(String key, long offset) throws IOException;

  /** The blob's size in bytes; throws NoSuchFileException if absent. */
  long size(String key) throws IOException;

  /**
   * Deletes the blob; true if it existed. An encrypting store destroys the recording's data key
   * first (crypto-erasure), so copies of the blob in backups can no longer be read either.
   */
  boolean delete(String key) throws IOException;

  /**
   * Finalizes what a crashed process left half-written: called once at start-up, before any call
   * is recorded. Returns the blobs that were cut short and are now readable up to their last
   * complete piece. A store that writes in place has nothing to do.
   */
  default List<RecoveredBlob> recoverInterrupted() throws IOException {
    return List.of();
  }

  /** A recording finalized by {@link #recoverInterrupted}: its readable length and the SHA-256 of that audio. */
  record RecoveredBlob(String key, long bytes, String sha256) {}
}

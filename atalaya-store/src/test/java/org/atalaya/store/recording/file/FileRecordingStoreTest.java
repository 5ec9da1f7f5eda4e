package org.atalaya.store.recording.file;

import java.nio.file.Path;
import org.atalaya.core.recording.RecordingStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The blob store contract on the local file system. */
class FileRecordingStoreTest implements RecordingStoreContract {
  @TempDir Path root;
  private FileRecordingStore store;

  @BeforeEach
  void create() {
    store = new FileRecordingStore(root);
  }

  @Override
  public RecordingStore store() {
    return store;
  }
}

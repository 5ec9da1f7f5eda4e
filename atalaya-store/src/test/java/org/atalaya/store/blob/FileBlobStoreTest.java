package org.atalaya.store.blob;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The BlobStore contract on a local directory. */
class FileBlobStoreTest implements BlobStoreContract {
  @TempDir Path dir;
  private FileBlobStore store;

  @BeforeEach
  void open() throws Exception {
    store = new FileBlobStore(dir.resolve("blobs"));
  }

  @Override
  public BlobStore store() {
    return store;
  }

  @Override
  public Path scratch() {
    return dir;
  }
}

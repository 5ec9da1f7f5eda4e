package org.atalaya.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.atalaya.core.audit.AuditCheckpoints;
import org.atalaya.store.blob.BlobStore;
import org.atalaya.store.blob.FileBlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bucket copy, over the blob store port (here its file adapter; the S3 adapter passes the same
 * BlobStoreContract, refused overwrites included).
 */
class BlobAuditCheckpointsTest implements AuditCheckpointsContract {
  @TempDir Path dir;
  BlobStore blobs;

  @BeforeEach
  void open() throws IOException {
    blobs = new FileBlobStore(dir.resolve("bucket"));
  }

  @Override
  public AuditCheckpoints checkpoints(byte[] key) {
    return new BlobAuditCheckpoints(blobs, dir.resolve("scratch"), key);
  }

  @Override
  public void rewriteNewest(UnaryOperator<String> edit) throws IOException {
    List<String> keys = blobs.list(BlobAuditCheckpoints.PREFIX);
    replace(keys.get(keys.size() - 1), edit.apply(read(keys.get(keys.size() - 1))));
  }

  private String read(String key) throws IOException {
    try (InputStream in = Channels.newInputStream(blobs.open(key))) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private void replace(String key, String text) throws IOException {
    blobs.delete(key);
    Path file = Files.writeString(dir.resolve("edited"), text);
    blobs.put(key, file);
  }

  @Test
  void eachCheckpointIsAnObjectNamedByItsZeroPaddedSeq() throws IOException {
    checkpoints(KEY).write(AuditCheckpointsContract.checkpoint(57, 0));
    assertThat(blobs.list("")).containsExactly("audit-checkpoints/00000000000000000057");
    assertThat(Files.list(dir.resolve("scratch"))).as("the upload's local file is gone").isEmpty();
  }

  @Test
  void aSecondCheckpointOfTheSameRowKeepsTheFirst() throws IOException {
    checkpoints(KEY).write(AuditCheckpointsContract.checkpoint(57, 0));
    checkpoints(KEY).write(AuditCheckpointsContract.checkpoint(57, 5));
    assertThat(checkpoints(KEY).newest().checkpoint()).contains(AuditCheckpointsContract.checkpoint(57, 0));
    assertThat(Files.list(dir.resolve("scratch"))).isEmpty();
  }

  @Test
  void aValidCheckpointStoredUnderAHigherSeqIsNotTrusted() throws IOException {
    checkpoints(KEY).write(AuditCheckpointsContract.checkpoint(5, 0));
    checkpoints(KEY).write(AuditCheckpointsContract.checkpoint(9, 1));
    String nine = read(BlobAuditCheckpoints.key(9));
    replace(BlobAuditCheckpoints.key(5), nine);
    var newest = checkpoints(KEY).newest();
    assertThat(newest.checkpoint()).contains(AuditCheckpointsContract.checkpoint(9, 1));
    // Reading stops at the newest valid one; now make the replay the highest key.
    replace(BlobAuditCheckpoints.key(12), read(BlobAuditCheckpoints.key(5)));
    newest = checkpoints(KEY).newest();
    assertThat(newest.checkpoint()).contains(AuditCheckpointsContract.checkpoint(9, 1));
    assertThat(newest.invalid()).singleElement().asString()
        .isEqualTo("object audit-checkpoints/00000000000000000012: signed for row 9, stored as another");
  }
}

package org.atalaya.store.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atalaya.core.audit.AuditCheckpoint;
import org.atalaya.core.audit.AuditCheckpoints;
import org.atalaya.store.blob.BlobStore;

/**
 * Checkpoints as objects of a blob store, {@code audit-checkpoints/<seq, 20 digits>}, each put
 * once and never overwritten (the store refuses existing keys). Meant for the S3 bucket: with
 * object lock on that prefix, not even the node's own credentials can delete them, which is the
 * defence left against someone holding the database, the disk and the master key.
 *
 * <p>{@link #newest} reads objects from the highest seq down to the first valid one, so a long
 * history costs one listing, not one GET per checkpoint; invalid objects below it are not read.
 *
 * <p>Threading: safe for concurrent use, as the blob store is.
 */
public final class BlobAuditCheckpoints implements AuditCheckpoints {
  static final String PREFIX = "audit-checkpoints/";
  /** Far longer than any line; a bigger object is not ours. */
  private static final int MAX_BYTES = 1024;
  private final BlobStore blobs;
  private final Path scratch;
  private final CheckpointLine lines;

  /**
   * @param scratch a local directory for the one-line file each put uploads (and removes)
   * @param key the checkpoint key derived from the master key
   */
  public BlobAuditCheckpoints(BlobStore blobs, Path scratch, byte[] key) {
    this.blobs = blobs;
    this.scratch = scratch;
    this.lines = new CheckpointLine(key);
  }

  static String key(long seq) {
    return PREFIX + String.format("%020d", seq);
  }

  @Override
  public void write(AuditCheckpoint checkpoint) throws IOException {
    Files.createDirectories(scratch);
    Path file = Files.createTempFile(scratch, "checkpoint-", ".tmp");
    try {
      Files.writeString(file, lines.format(checkpoint) + "\n", StandardCharsets.US_ASCII);
      blobs.put(key(checkpoint.seq()), file);
    } catch (FileAlreadyExistsException e) {
      // This row was anchored already (a stop right after a periodic checkpoint): put once, kept as it is.
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Override
  public Newest newest() throws IOException {
    List<String> keys = blobs.list(PREFIX);
    List<String> invalid = new ArrayList<>();
    for (int i = keys.size() - 1; i >= 0; i--) {
      String key = keys.get(i);
      String problem;
      String text;
      try {
        text = read(key);
      } catch (NoSuchFileException e) {
        invalid.add("object " + key + ": listed, then gone");
        continue;
      }
      if (text == null) {
        problem = "not a checkpoint (larger than " + MAX_BYTES + " bytes)";
      } else if (!text.endsWith("\n")) {
        problem = "cut short (no line end)";
      } else {
        CheckpointLine.Parsed parsed = lines.parse(text.substring(0, text.length() - 1));
        if (parsed.valid() && key.equals(key(parsed.checkpoint().seq()))) {
          return new Newest(Optional.of(parsed.checkpoint()), invalid);
        }
        // A valid line stored under another seq's name would be a replay: not that seq's checkpoint.
        problem = parsed.valid() ? "signed for row " + parsed.checkpoint().seq() + ", stored as another"
            : parsed.problem();
      }
      invalid.add("object " + key + ": " + problem);
    }
    return new Newest(Optional.empty(), invalid);
  }

  /** The object's text, or null when it is too big to be a checkpoint. */
  private String read(String key) throws IOException {
    try (SeekableByteChannel in = blobs.open(key)) {
      if (in.size() > MAX_BYTES) {
        return null;
      }
      ByteBuffer buf = ByteBuffer.allocate((int) in.size());
      while (buf.hasRemaining() && in.read(buf) >= 0) {
        // read until full or end
      }
      return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }
  }
}

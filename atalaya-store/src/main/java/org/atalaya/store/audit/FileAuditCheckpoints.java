package org.atalaya.store.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.atalaya.core.audit.AuditCheckpoint;
import org.atalaya.core.audit.AuditCheckpoints;

/**
 * Checkpoints appended to one file ({@code data/audit/checkpoints.log}), one signed line each,
 * synced to disk before {@link #write} returns. It is a file apart from the database, so access
 * to the database alone cannot remove them. Nothing here is ever rewritten: a line that fails its
 * signature or was cut short stays where it is and is reported by {@link #newest}.
 *
 * <p>Threading: writes are serialized by a lock; reads run concurrently (a line being written
 * while the CLI reads may show as cut short: the next read sees it whole).
 */
public final class FileAuditCheckpoints implements AuditCheckpoints {
  private final Path file;
  private final CheckpointLine lines;
  private final ReentrantLock writing = new ReentrantLock();

  /** @param key the checkpoint key derived from the master key, never the master key itself */
  public FileAuditCheckpoints(Path file, byte[] key) {
    this.file = file.toAbsolutePath();
    this.lines = new CheckpointLine(key);
  }

  public Path file() {
    return file;
  }

  @Override
  public void write(AuditCheckpoint checkpoint) throws IOException {
    writing.lock();
    try {
      Files.createDirectories(file.getParent());
      boolean created = !Files.exists(file);
      String text = lines.format(checkpoint) + "\n";
      if (!created && !endsWithNewline()) {
        // A line cut short (a crash in mid-write, or an edit) stays on its own line, reported;
        // the new one must not be glued to it and lost with it.
        text = "\n" + text;
      }
      ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
      try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      if (created) {
        syncDirectory();
      }
    } finally {
      writing.unlock();
    }
  }

  @Override
  public Newest newest() throws IOException {
    if (!Files.exists(file)) {
      return new Newest(Optional.empty(), List.of());
    }
    AuditCheckpoint best = null;
    List<String> invalid = new ArrayList<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(256);
      int number = 0;
      for (int b = in.read(); ; b = in.read()) {
        if (b == -1 && line.size() == 0) {
          break;
        }
        if (b != '\n' && b != -1) {
          line.write(b);
          continue;
        }
        number++;
        // The last line without its line break was cut short, even if what is there parses.
        CheckpointLine.Parsed parsed = b == -1 ? new CheckpointLine.Parsed(null, "cut short (no line end)")
            : lines.parse(line.toString(StandardCharsets.UTF_8));
        if (parsed.valid()) {
          // The highest seq wins (a later line on a tie): an older line copied to the end does not.
          if (best == null || parsed.checkpoint().seq() >= best.seq()) {
            best = parsed.checkpoint();
          }
        } else {
          invalid.add("line " + number + " of " + file + ": " + parsed.problem());
        }
        line.reset();
        if (b == -1) {
          break;
        }
      }
    }
    return new Newest(Optional.ofNullable(best), invalid);
  }

  private boolean endsWithNewline() throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = in.size();
      if (size == 0) {
        return true;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      in.read(last, size - 1);
      return last.get(0) == '\n';
    }
  }

  /** A new file's directory entry must reach the disk too, or a power cut can lose the whole file. */
  private void syncDirectory() {
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Not every platform opens directories (Windows); the file's own data is synced regardless.
    }
  }
}

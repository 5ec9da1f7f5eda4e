package org.atalaya.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.atalaya.core.audit.AuditCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint file: the contract, and that it only ever grows. */
class FileAuditCheckpointsTest implements AuditCheckpointsContract {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("audit/checkpoints.log");
  }

  @Override
  public AuditCheckpoints checkpoints(byte[] key) {
    return new FileAuditCheckpoints(file(), key);
  }

  @Override
  public void rewriteNewest(UnaryOperator<String> edit) throws IOException {
    String text = Files.readString(file(), StandardCharsets.US_ASCII);
    int start = text.lastIndexOf('\n', text.length() - 2) + 1;
    Files.writeString(file(), text.substring(0, start) + edit.apply(text.substring(start)), StandardCharsets.US_ASCII);
  }

  @Test
  void eachCheckpointIsOneLineAppendedAndEarlierBytesStayAsTheyWere() throws IOException {
    checkpoints(KEY).write(AuditCheckpointsContract.checkpoint(3, 0));
    byte[] first = Files.readAllBytes(file());
    checkpoints(KEY).write(AuditCheckpointsContract.checkpoint(4, 1));
    byte[] both = Files.readAllBytes(file());
    assertThat(java.util.Arrays.copyOf(both, first.length)).isEqualTo(first);
    List<String> lines = Files.readAllLines(file());
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).matches("v1 seq=4 hash=[0-9a-f]{64} rows=4 at=2026-11-23T10:01:00Z mac=[0-9a-f]{64}");
  }

  @Test
  void aWriteAfterALineCutShortStartsOnANewLineAndBothAreKept() throws IOException {
    checkpoints(KEY).write(AuditCheckpointsContract.checkpoint(5, 0));
    checkpoints(KEY).write(AuditCheckpointsContract.checkpoint(9, 1));
    rewriteNewest(text -> text.substring(0, 30));
    checkpoints(KEY).write(AuditCheckpointsContract.checkpoint(11, 2));
    var newest = checkpoints(KEY).newest();
    assertThat(newest.checkpoint()).contains(AuditCheckpointsContract.checkpoint(11, 2));
    assertThat(newest.invalid()).singleElement().asString()
        .startsWith("line 2 of " + file().toAbsolutePath()).contains("malformed or cut short");
    assertThat(Files.readAllLines(file())).hasSize(3);
  }

  @Test
  void anOlderLineCopiedToTheEndDoesNotBecomeTheNewest() throws IOException {
    checkpoints(KEY).write(AuditCheckpointsContract.checkpoint(5, 0));
    checkpoints(KEY).write(AuditCheckpointsContract.checkpoint(9, 1));
    List<String> lines = new ArrayList<>(Files.readAllLines(file()));
    Files.writeString(file(), lines.get(0) + "\n", java.nio.file.StandardOpenOption.APPEND);
    var newest = checkpoints(KEY).newest();
    assertThat(newest.checkpoint()).contains(AuditCheckpointsContract.checkpoint(9, 1));
    assertThat(newest.invalid()).isEmpty();
  }

  @Test
  void theKeyItselfIsNeverWritten() throws IOException {
    checkpoints(KEY).write(AuditCheckpointsContract.checkpoint(5, 0));
    String text = Files.readString(file());
    assertThat(text).doesNotContain(java.util.HexFormat.of().formatHex(KEY))
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(KEY));
  }
}

package org.atalaya.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.atalaya.core.audit.AuditCheckpoint;
import org.atalaya.core.audit.AuditCheckpoints;
import org.junit.jupiter.api.Test;

/** What every place that keeps audit checkpoints must do; implemented once per adapter. */
public interface AuditCheckpointsContract {
  byte[] KEY = filled(7);
  byte[] OTHER_KEY = filled(9);
  Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  /** The adapter under test signing with {@code key}; every call looks at the same place. */
  AuditCheckpoints checkpoints(byte[] key);

  /** Replaces the stored text of the newest checkpoint (line break included) by what {@code edit} makes of it. */
  void rewriteNewest(UnaryOperator<String> edit) throws IOException;

  static byte[] filled(int value) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) value);
    return key;
  }

  static AuditCheckpoint checkpoint(long seq, int minute) {
    return new AuditCheckpoint(seq, Long.toHexString(seq).repeat(64).substring(0, 64), seq, T0.plusSeconds(60L * minute));
  }

  @Test
  default void nothingWrittenIsNoCheckpointAndNoProblem() throws IOException {
    var newest = checkpoints(KEY).newest();
    assertThat(newest.checkpoint()).isEmpty();
    assertThat(newest.invalid()).isEmpty();
  }

  @Test
  default void theNewestIsReadBackWithEveryField() throws IOException {
    checkpoints(KEY).write(checkpoint(3, 0));
    checkpoints(KEY).write(checkpoint(7, 5));
    checkpoints(KEY).write(checkpoint(12, 10));
    var newest = checkpoints(KEY).newest();
    assertThat(newest.checkpoint()).contains(checkpoint(12, 10));
    assertThat(newest.invalid()).isEmpty();
  }

  @Test
  default void theHighestSeqIsTheNewestWhateverTheOrderWritten() throws IOException {
    checkpoints(KEY).write(checkpoint(12, 0));
    checkpoints(KEY).write(checkpoint(7, 5));
    assertThat(checkpoints(KEY).newest().checkpoint()).contains(checkpoint(12, 0));
  }

  @Test
  default void oneSignedWithAnotherKeyIsReportedAndNotTrusted() throws IOException {
    checkpoints(KEY).write(checkpoint(5, 0));
    checkpoints(OTHER_KEY).write(checkpoint(9, 5));
    var newest = checkpoints(KEY).newest();
    assertThat(newest.checkpoint()).contains(checkpoint(5, 0));
    assertThat(newest.invalid()).singleElement().asString().contains("bad signature");
  }

  @Test
  default void anEditedCheckpointFailsItsSignature() throws IOException {
    checkpoints(KEY).write(checkpoint(5, 0));
    checkpoints(KEY).write(checkpoint(9, 5));
    rewriteNewest(text -> text.replace("seq=9 ", "seq=8 "));
    var newest = checkpoints(KEY).newest();
    assertThat(newest.checkpoint()).contains(checkpoint(5, 0));
    assertThat(newest.invalid()).singleElement().asString().contains("bad signature");
  }

  @Test
  default void aCheckpointCutShortIsReported() throws IOException {
    checkpoints(KEY).write(checkpoint(5, 0));
    checkpoints(KEY).write(checkpoint(9, 5));
    rewriteNewest(text -> text.substring(0, text.length() / 2));
    var newest = checkpoints(KEY).newest();
    assertThat(newest.checkpoint()).contains(checkpoint(5, 0));
    assertThat(newest.invalid()).singleElement().asString().contains("cut short");
  }

  @Test
  default void evenTheLastLineBreakMissingCountsAsCutShort() throws IOException {
    checkpoints(KEY).write(checkpoint(5, 0));
    rewriteNewest(text -> text.substring(0, text.length() - 1));
    var newest = checkpoints(KEY).newest();
    assertThat(newest.checkpoint()).isEmpty();
    assertThat(newest.invalid()).singleElement().asString().contains("cut short");
  }
}

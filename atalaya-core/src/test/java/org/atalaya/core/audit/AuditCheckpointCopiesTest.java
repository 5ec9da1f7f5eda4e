package org.atalaya.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checkpoints in several places: written to all, the newest is the highest found anywhere. */
class AuditCheckpointCopiesTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  /** In memory; fails its writes when told to. */
  private static final class Place implements AuditCheckpoints {
    final List<AuditCheckpoint> kept = new ArrayList<>();
    final List<String> invalid = new ArrayList<>();
    boolean down;

    @Override
    public void write(AuditCheckpoint checkpoint) throws IOException {
      if (down) {
        throw new IOException("down");
      }
      kept.add(checkpoint);
    }

    @Override
    public Newest newest() {
      return new Newest(kept.stream().reduce((a, b) -> b.seq() >= a.seq() ? b : a), invalid);
    }
  }

  private static AuditCheckpoint at(long seq) {
    return new AuditCheckpoint(seq, "a".repeat(64), seq, T0.plusSeconds(seq));
  }

  @Test
  void theNewestIsTheHighestOfAnyPlaceAndEveryInvalidOneIsListed() throws IOException {
    Place file = new Place();
    Place bucket = new Place();
    file.kept.add(at(5));
    bucket.kept.add(at(9)); // the file lost its last lines; the bucket did not
    file.invalid.add("line 2: bad signature");
    bucket.invalid.add("object 12: cut short");
    var newest = new AuditCheckpointCopies(List.of(file, bucket)).newest();
    assertThat(newest.checkpoint()).contains(at(9));
    assertThat(newest.invalid()).containsExactly("line 2: bad signature", "object 12: cut short");
  }

  @Test
  void aWriteReachesEveryPlaceEvenWhenOneFails() {
    Place file = new Place();
    Place bucket = new Place();
    bucket.down = true;
    assertThatThrownBy(() -> new AuditCheckpointCopies(List.of(bucket, file)).write(at(3)))
        .isInstanceOf(IOException.class).hasMessage("down");
    assertThat(file.kept).containsExactly(at(3));
  }

  @Test
  void noPlaceIsNoCheckpoint() throws IOException {
    assertThat(new AuditCheckpointCopies(List.of(new Place())).newest().checkpoint()).isEqualTo(Optional.empty());
    assertThat(AuditCheckpoints.NONE.newest().checkpoint()).isEmpty();
  }
}

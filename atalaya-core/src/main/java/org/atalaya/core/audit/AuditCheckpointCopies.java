package org.atalaya.core.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoints kept in several places at once (the local file, and an object-locked bucket): an
 * attacker must reach every copy to make the newest one disappear.
 *
 * @param places where each checkpoint is written; the newest is the highest found in any of them
 */
public record AuditCheckpointCopies(List<AuditCheckpoints> places) implements AuditCheckpoints {
  public AuditCheckpointCopies {
    places = List.copyOf(places);
    if (places.isEmpty()) {
      throw new IllegalArgumentException("places: at least one");
    }
  }

  /** Writes to every place, even when one fails; then reports the first failure. */
  @Override
  public void write(AuditCheckpoint checkpoint) throws IOException {
    IOException failed = null;
    for (AuditCheckpoints place : places) {
      try {
        place.write(checkpoint);
      } catch (IOException e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  @Override
  public Newest newest() throws IOException {
    List<AuditCheckpoint> found = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (AuditCheckpoints place : places) {
      Newest n = place.newest();
      n.checkpoint().ifPresent(found::add);
      invalid.addAll(n.invalid());
    }
    Optional<AuditCheckpoint> newest = found.stream()
        .max(Comparator.comparingLong(AuditCheckpoint::seq).thenComparing(AuditCheckpoint::at));
    return new Newest(newest, invalid);
  }
}

package org.atalaya.core.recording;

/**
 * A span of a recording that holds silence on purpose, in milliseconds from its start.
 *
 * @param startMillis where the gap begins
 * @param endMillis where it ends
 * @param reason why: {@code sensitive} (card data), {@code stopped} (on-demand recording off)
 */
public record RecordingGap(long startMillis, long endMillis, String reason) {
  public RecordingGap {
    if (startMillis < 0 || endMillis < startMillis) {
      throw new IllegalArgumentException("bad gap " + startMillis + ".." + endMillis);
    }
    java.util.Objects.requireNonNull(reason, "reason");
  }
}

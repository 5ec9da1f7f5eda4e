package org.atalaya.media;

/** A running stereo recording on a bridge. */
public interface RecordingTap {
  /**
   * Stops the tap, writes what is queued, closes the sink and returns the outcome. Blocks until
   * the sink is closed; idempotent (later calls return the same result).
   */
  RecordingResult stop();

  /** Frames (20 ms each) handed to the writer so far. */
  long framesWritten();

  /**
   * Frames (20 ms each) taken into the recording so far, counted on the media loop: the
   * recording's current position. A change made now (a pause) takes effect from the next frame.
   */
  long framesOffered();

  /** While paused the recording receives silence (its timeline goes on, so it stays one file). */
  void pause(boolean paused);
}

package org.atalaya.media;

/**
 * How a recording ended.
 *
 * @param frames 20 ms stereo frames written
 * @param bytes PCM bytes written (frames * 640)
 * @param silentLeftFrames frames where the left channel had no packet (silence filled)
 * @param silentRightFrames frames where the right channel had no packet (silence filled)
 * @param droppedFrames frames the writer queue could not take (never silent: counted, logged)
 * @param error the write error that ended the recording early, or null
 */
public record RecordingResult(
    long frames,
    long bytes,
    long silentLeftFrames,
    long silentRightFrames,
    long droppedFrames,
    Throwable error) {
  public long durationMillis() {
    return frames * 20;
  }
}

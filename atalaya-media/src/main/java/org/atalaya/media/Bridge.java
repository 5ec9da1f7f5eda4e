package org.atalaya.media;

/**
 * Connects two endpoints of one call so each party hears the other: packets are relayed as they
 * arrive (transcoded when the legs' codecs differ, telephone-events re-numbered to the other
 * leg's payload type), never sent directly between the parties.
 *
 * <p>Threading: methods may be called from any thread.
 */
public interface Bridge extends AutoCloseable {
  /** The endpoint whose audio goes to the left channel of a recording (the customer). */
  RtpEndpoint left();

  /** The endpoint whose audio goes to the right channel of a recording (the agent side). */
  RtpEndpoint right();

  /**
   * Starts a stereo recording tap: every 20 ms of wall clock, one frame of left and one frame of
   * right audio (silence where a packet was lost, late or never sent) is handed to {@code sink}
   * as 160 interleaved 16-bit little-endian stereo samples (640 bytes), off the media thread.
   * Only one recording at a time.
   */
  RecordingTap record(RecordingSink sink);

  /** Stops relaying (and any recording tap); the endpoints stay open. Idempotent. */
  @Override
  void close();
}

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

  /** The endpoint whose audio goes to the right channel of a recording (the agent side), or null. */
  RtpEndpoint right();

  /**
   * Puts another endpoint on the agent side, or none ({@code null}): a transfer. The customer's
   * leg, the recording tap, monitors and the sensitive segment stay as they are, so one
   * recording holds every agent in turn. The endpoint that leaves stays open (the caller decides
   * whether it hangs up or goes to a consultation); while nobody is on the agent side the customer
   * is relayed to nobody and the right channel records silence. The new endpoint must be opened
   * with the call's affinity and not be in another bridge.
   */
  void switchAgent(RtpEndpoint agent);

  /**
   * Starts a stereo recording tap: every 20 ms of wall clock, one frame of left and one frame of
   * right audio (silence where a packet was lost, late or never sent) is handed to {@code sink}
   * as 160 interleaved 16-bit little-endian stereo samples (640 bytes), off the media thread.
   * Only one recording at a time.
   */
  RecordingTap record(RecordingSink sink);

  /**
   * Attaches a supervisor's anchored endpoint (opened with the same affinity as the call's legs)
   * in {@code mode}. From then on each party hears, every 20 ms, the mix the hearing matrix
   * allows it; a party that hears only the other leg keeps being relayed packet by packet.
   */
  Monitor monitor(RtpEndpoint supervisor, MonitorMode mode);

  /** Attaches a supervisor that is not an RTP peer (a browser), in {@code mode}. */
  PcmMonitor monitor(MonitorMode mode);

  /**
   * Mixes {@code pcm8k} (8 kHz 16-bit mono) into what the agent alone hears, e.g. a short tone
   * telling the agent a supervisor has started to whisper. The customer never hears it.
   */
  void notifyAgent(short[] pcm8k);

  /**
   * The sensitive segment (card data): while on, the recording receives silence on both
   * channels and supervisors who listen, whisper or barge hear silence, so neither the voice nor
   * any keypad tone of the segment reaches the file or a monitor. Customer and agent (or the
   * supervisor who took the call over) keep hearing each other. Takes effect from the next tick.
   */
  void sensitive(boolean on);

  /** Whether the sensitive segment is on. */
  boolean isSensitive();

  /** Stops relaying, monitors and any recording tap; the endpoints stay open. Idempotent. */
  @Override
  void close();
}

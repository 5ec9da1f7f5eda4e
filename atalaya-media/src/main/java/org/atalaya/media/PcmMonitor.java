package org.atalaya.media;

import java.util.concurrent.TimeUnit;

/**
 * A monitoring party that is not an RTP peer (a browser over WebSocket): it pulls what it hears
 * as 20 ms frames of 8 kHz 16-bit mono PCM and pushes its microphone in the same format.
 *
 * <p>The media loop never waits for it: heard frames go into a short queue (the oldest is
 * dropped and counted when the reader falls half a second behind), and spoken frames are
 * taken one per tick (a backlog beyond 200 ms is dropped to keep latency bounded).
 */
public interface PcmMonitor extends Monitor {
  /** Samples per frame: 20 ms at 8 kHz. */
  int FRAME_SAMPLES = 160;

  /**
   * The next frame this party hears, waiting up to {@code timeout}; null on timeout or once the
   * monitor is closed (check {@link #isClosed}).
   */
  short[] poll(long timeout, TimeUnit unit) throws InterruptedException;

  /** Queues one frame of the party's voice (exactly {@link #FRAME_SAMPLES} samples). */
  void speak(short[] frame);

  /** Whether the monitor was closed (by its owner, or because the call's bridge closed). */
  boolean isClosed();
}

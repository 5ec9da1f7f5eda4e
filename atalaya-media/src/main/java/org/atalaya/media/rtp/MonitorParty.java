package org.atalaya.media.rtp;

import org.atalaya.media.Monitor;
import org.atalaya.media.MonitorCounters;
import org.atalaya.media.MonitorMode;

/**
 * A third party of a bridge as the mixer sees it: once per tick it yields what it said (or
 * null) and receives what it hears.
 *
 * <p>Threading: {@link #spoken} and {@link #hear} run on the media loop; {@link #mode} and
 * {@link #close} may come from any thread.
 */
abstract sealed class MonitorParty implements Monitor permits RtpMonitor, QueueMonitor {
  private final NioBridge bridge;
  private volatile MonitorMode mode;
  private volatile boolean closed;
  volatile long framesHeard;
  volatile long framesSpoken;
  volatile long framesDropped;

  MonitorParty(NioBridge bridge, MonitorMode mode) {
    this.bridge = bridge;
    this.mode = mode;
  }

  /** This tick's audio from the party, or null for silence. Loop thread. */
  abstract short[] spoken(long tick);

  /** Delivers this tick's mix to the party. The array is reused after the call returns. */
  abstract void hear(short[] mix);

  @Override
  public MonitorMode mode() {
    return mode;
  }

  @Override
  public void mode(MonitorMode mode) {
    this.mode = java.util.Objects.requireNonNull(mode, "mode");
  }

  @Override
  public MonitorCounters counters() {
    return new MonitorCounters(framesHeard, framesSpoken, framesDropped);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    onClose();
    bridge.detach(this);
  }

  /** Called once when closed, on the closing thread. */
  void onClose() {}

  public boolean isClosed() {
    return closed;
  }
}

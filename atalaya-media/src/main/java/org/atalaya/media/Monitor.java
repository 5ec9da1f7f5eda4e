package org.atalaya.media;

/**
 * A third party attached to a {@link Bridge}: it hears the call and, depending on its
 * {@link MonitorMode}, is heard by the agent, the customer or both.
 *
 * <p>Threading: all methods may be called from any thread.
 */
public interface Monitor extends AutoCloseable {
  /** The current mode. */
  MonitorMode mode();

  /** Changes the mode; takes effect on the next 20 ms tick. No SIP is involved. */
  void mode(MonitorMode mode);

  /** Frames delivered to and taken from this party so far. */
  MonitorCounters counters();

  /** Detaches the party; the call goes on. Idempotent. An RTP party's endpoint stays open. */
  @Override
  void close();
}

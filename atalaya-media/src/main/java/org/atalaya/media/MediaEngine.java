package org.atalaya.media;

import java.io.IOException;

/**
 * The RTP engine: allocates anchored endpoints and bridges them. Implemented by
 * {@code org.atalaya.media.rtp.NioMediaEngine}.
 */
public interface MediaEngine extends AutoCloseable {
  /**
   * Opens an endpoint on a free even port of the range. Endpoints that will be bridged together
   * should pass the same {@code affinity} object (e.g. the call) so they share a media loop.
   */
  RtpEndpoint open(Object affinity) throws IOException;

  /** Bridges two open endpoints of the same affinity. */
  Bridge bridge(RtpEndpoint left, RtpEndpoint right);

  /** Endpoints currently open (for leak checks and /metrics). */
  int openEndpoints();

  /**
   * Every endpoint's counters summed, over the engine's lifetime (closed endpoints included):
   * for /metrics, benchmarks and loss accounting in tests.
   */
  EndpointCounters totals();

  /** Stops the media loops and closes every endpoint. */
  @Override
  void close();
}

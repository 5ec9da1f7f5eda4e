package org.atalaya.media.rtp;

import org.atalaya.media.MonitorMode;

/** A supervisor on an anchored RTP endpoint (a SIP phone): jitter-buffered in, encoded out. */
final class RtpMonitor extends MonitorParty {
  final NioRtpEndpoint endpoint;

  RtpMonitor(NioBridge bridge, NioRtpEndpoint endpoint, MonitorMode mode) {
    super(bridge, mode);
    this.endpoint = endpoint;
  }

  @Override
  short[] spoken(long tick) {
    if (endpoint.isClosed()) {
      return null;
    }
    short[] f = endpoint.jitter.take(tick);
    if (f != null) {
      framesSpoken++;
    }
    return f;
  }

  @Override
  void hear(short[] mix) {
    if (!endpoint.isClosed() && endpoint.sendFrame(mix)) {
      framesHeard++;
    }
  }
}

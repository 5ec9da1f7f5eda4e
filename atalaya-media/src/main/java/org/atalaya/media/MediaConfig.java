package org.atalaya.media;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Media engine settings.
 *
 * @param bindAddress the local address RTP sockets bind to
 * @param advertisedAddress the address put in our SDP (differs from bind behind NAT)
 * @param portMin lowest RTP port (even)
 * @param portMax highest RTP port
 * @param loops media loop threads (each owns a set of calls); 0 means one per core
 */
public record MediaConfig(
    InetAddress bindAddress, InetAddress advertisedAddress, int portMin, int portMax, int loops) {
  public MediaConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(advertisedAddress, "advertisedAddress");
    if (portMin < 1024 || portMax > 65534 || portMin >= portMax) {
      throw new IllegalArgumentException("RTP port range must be within 1024-65534 and min < max: " + portMin + "-" + portMax);
    }
    if (loops < 0) {
      throw new IllegalArgumentException("loops must be >= 0: " + loops);
    }
  }
}

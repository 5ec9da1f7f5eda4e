package org.atalaya.media;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where and how to send a leg's RTP, as negotiated in SDP.
 *
 * @param address the remote RTP address (c= and m= of the remote SDP)
 * @param codec the negotiated audio codec for this leg
 * @param telephoneEventPt the remote's RFC 4733 telephone-event payload type, or -1 if none
 * @param direction the direction the remote declared
 */
public record RemoteMedia(InetSocketAddress address, Codec codec, int telephoneEventPt, Direction direction) {
  public RemoteMedia {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(direction, "direction");
    if (telephoneEventPt < -1 || telephoneEventPt > 127) {
      throw new IllegalArgumentException("telephone-event payload type out of range: " + telephoneEventPt);
    }
  }
}

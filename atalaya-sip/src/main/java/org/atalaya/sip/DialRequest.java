package org.atalaya.sip;

import java.util.Objects;

/**
 * An INVITE to place.
 *
 * @param targetUri the contact to send it to (a registration's contact URI)
 * @param transport "udp" or "tcp"
 * @param fromUser the user part for our From header (the original caller's number)
 * @param fromDisplayName display name for From, or empty
 * @param toUser the user part for To (the agent's extension)
 * @param sdpOffer our SDP offer
 */
public record DialRequest(
    String targetUri, String transport, String fromUser, String fromDisplayName, String toUser, String sdpOffer) {
  public DialRequest {
    Objects.requireNonNull(targetUri, "targetUri");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(fromUser, "fromUser");
    Objects.requireNonNull(toUser, "toUser");
    Objects.requireNonNull(sdpOffer, "sdpOffer");
    fromDisplayName = fromDisplayName == null ? "" : fromDisplayName;
  }
}

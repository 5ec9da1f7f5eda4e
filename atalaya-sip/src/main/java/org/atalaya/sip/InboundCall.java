package org.atalaya.sip;

import java.net.InetSocketAddress;

/**
 * The server side of an incoming INVITE (the customer's leg). Threading: methods may be called
 * from any thread.
 */
public interface InboundCall {
  /** The SIP Call-ID of this leg. */
  String callId();

  /** The caller's user part (e.g. a phone number) from the From header. */
  String fromUser();

  /** The caller's display name, or empty. */
  String fromDisplayName();

  /** The dialled user part from the request URI (the DID or number). */
  String toUser();

  /** Where the INVITE came from. */
  InetSocketAddress source();

  /**
   * Where to reach the caller again (a callback): the INVITE's Contact URI, or the caller's
   * number at the INVITE's source when it has none.
   */
  String contactUri();

  /** The transport the INVITE came over: udp or tcp. */
  String transport();

  /** The authenticated SIP user if the caller authenticated (an agent's softphone), else null. */
  String authenticatedUser();

  /** The SDP offer in the INVITE (we do not accept INVITEs without SDP: they get 488). */
  String sdpOffer();

  /** Sets the listener for hangup and re-INVITE; must be set before answering. */
  void setListener(LegListener listener);

  /** Sends 180 Ringing. */
  void ringing();

  /** Sends 200 OK with our SDP answer. */
  void answer(String sdpAnswer);

  /** Rejects before an answer with a final status (e.g. 480, 486, 603). */
  void reject(int status, String reason);

  /**
   * Rejects before an answer with 503 Service Unavailable and {@code Retry-After:
   * retryAfterSeconds}: the node is at capacity, try another route.
   */
  void refuse(int retryAfterSeconds);

  /** Ends the leg: BYE if answered, otherwise a 487/480 final response. Idempotent. */
  void hangup();
}

package org.atalaya.sip;

/** The client side of an INVITE we sent. Threading: methods may be called from any thread. */
public interface OutboundCall {
  /** The SIP Call-ID of this leg. */
  String callId();

  /** CANCELs if not answered yet, BYEs if answered. Idempotent. */
  void hangup();
}

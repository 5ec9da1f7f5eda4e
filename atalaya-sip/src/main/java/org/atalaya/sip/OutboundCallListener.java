package org.atalaya.sip;

/** Progress of an INVITE we sent (to an agent). Called on SIP threads. */
public interface OutboundCallListener extends LegListener {
  /** 180 or 183 received. */
  void onRinging();

  /** 2xx received (we have already ACKed it), with the remote's SDP answer. */
  void onAnswered(String sdpAnswer);

  /** A final non-2xx (e.g. 486, 603, 480) or a timeout before any answer. No events follow. */
  void onFailed(int status, String reason);
}

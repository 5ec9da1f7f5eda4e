package org.atalaya.sip;

/**
 * Events on one established or establishing leg. Called on SIP threads: implementations hand
 * them to the call's mailbox and return quickly.
 */
public interface LegListener {
  /** The leg ended; no more events follow. */
  void onHangup(HangupCause cause);

  /**
   * The remote sent a re-INVITE (hold, unhold, new address). Returns our SDP answer; the SIP
   * layer sends it in a 200 OK. May block briefly.
   */
  String onReoffer(String sdpOffer);
}

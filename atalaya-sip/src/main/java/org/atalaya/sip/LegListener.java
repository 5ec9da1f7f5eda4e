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

  /**
   * The remote sent a REFER in this dialog: a blind transfer from the agent's phone to
   * {@code targetUser} (the user part of Refer-To). Returns the SIP status to answer: 202 when
   * the transfer is accepted (the SIP layer then tells the phone with a NOTIFY, after which the
   * phone hangs up), else a 4xx. May block briefly. By default transfers are refused.
   */
  default int onRefer(String targetUser) {
    return 603;
  }

  /**
   * The remote sent a REFER whose Refer-To carries Replaces (RFC 3891): an attended transfer
   * from the agent's phone, which asks that whoever it reached on its other dialog
   * {@code replacesCallId} take this dialog's caller. Returns the SIP status as {@link #onRefer};
   * by default 501.
   */
  default int onReferReplacing(String targetUser, String replacesCallId) {
    return 501;
  }
}

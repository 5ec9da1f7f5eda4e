package org.atalaya.sip.jain;

import gov.nist.javax.sip.DialogTimeoutEvent;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a dialog ends from the far side or from the stack: a BYE, or the stack giving up on it. */
final class Hangups {
  private static final Logger LOG = LoggerFactory.getLogger(Hangups.class);

  private Hangups() {}

  static void bye(SipContext sip, Request request, ServerTransaction st) throws Exception {
    st.sendResponse(sip.messages.createResponse(Response.OK, request));
    Object leg = sip.legOf(request, st.getDialog());
    if (leg instanceof ServerLeg s) {
      s.remoteBye();
    } else if (leg instanceof ClientLeg c) {
      c.remoteBye();
    } else {
      // The stack found a dialog (or it would have answered 481) but no live leg has it: a BYE
      // crossing ours, or a call already ended. Said, so a lost hang-up never goes unnoticed.
      LOG.info("BYE for SIP Call-ID {} matches no live call",
          ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
    }
  }

  /**
   * The stack gave up on a dialog. Being a SipListenerExt makes it tell us instead of deleting
   * the dialog behind the leg's back (the 200 that was never ACKed) or sending a BYE call control
   * never hears of. An early dialog's timeout stays ignored, as before.
   */
  static void dialogTimedOut(SipContext sip, DialogTimeoutEvent event) {
    Dialog d = event.getDialog();
    if (event.getReason() == DialogTimeoutEvent.Reason.EarlyStateTimeout) {
      return;
    }
    Object leg = sip.legOf(d);
    LOG.info("SIP dialog {} timed out ({}); ending its leg", d.getDialogId(), event.getReason());
    switch (leg) {
      case ServerLeg s -> s.dialogTimedOut(d);
      case ClientLeg c -> c.dialogTimedOut(d);
      case null, default -> d.delete();
    }
  }
}

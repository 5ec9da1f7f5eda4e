package org.atalaya.sip.jain;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.atalaya.sip.HangupCause;
import org.atalaya.sip.OutboundCall;
import org.atalaya.sip.OutboundCallListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An INVITE we sent (to an agent) and the dialog it creates. A hangup before any provisional
 * response is remembered and turned into a CANCEL when one arrives (RFC 3261 section 9.1); a
 * 200 OK that races our CANCEL is ACKed and then BYEd.
 *
 * <p>Threading: synchronized; called from call control and from SIP stack threads.
 */
final class ClientLeg implements OutboundCall {
  private static final Logger LOG = LoggerFactory.getLogger(ClientLeg.class);

  private enum State { CALLING, PROCEEDING, ANSWERED, ENDED }

  private final SipContext sip;
  private final OutboundCallListener listener;
  private final Request invite;
  private final String key; // Call-ID and our From tag: see SipContext.legs
  private ClientTransaction ct;
  private volatile Dialog answered; // the dialog the 2xx confirmed: the transaction forgets it, see ServerLeg
  private State state = State.CALLING;
  private boolean hangupWanted;

  ClientLeg(SipContext sip, Request invite, OutboundCallListener listener) {
    this.sip = sip;
    this.invite = invite;
    this.listener = listener;
    this.key = SipContext.dialogKey(callId(), ((FromHeader) invite.getHeader(FromHeader.NAME)).getTag());
  }

  synchronized void send() throws Exception {
    ct = sip.provider.getNewClientTransaction(invite);
    ct.setApplicationData(this);
    sip.legs.put(key, this);
    ct.sendRequest();
  }

  Dialog dialog() {
    Dialog live = ct == null ? null : ct.getDialog();
    return live != null ? live : answered;
  }

  OutboundCallListener listener() {
    return listener;
  }

  @Override
  public String callId() {
    return ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
  }

  @Override
  public synchronized void hangup() {
    switch (state) {
      case CALLING -> hangupWanted = true;
      case PROCEEDING -> {
        hangupWanted = true;
        sendCancel();
      }
      case ANSWERED -> {
        sip.sendBye(dialog(), callId());
        ended();
      }
      case ENDED -> {}
    }
  }

  synchronized void onResponse(Response response, Dialog dialog) {
    int status = response.getStatusCode();
    if (status < 200) {
      if (status == 100) {
        return;
      }
      if (state == State.CALLING) {
        state = State.PROCEEDING;
        if (hangupWanted) {
          sendCancel();
          return;
        }
      }
      if (!hangupWanted && state == State.PROCEEDING) {
        listener.onRinging();
      }
      return;
    }
    if (status < 300) {
      Dialog d = dialog != null ? dialog : ct.getDialog();
      if (d != null) {
        answered = d;
      }
      sendAck(d, response);
      if (state == State.ANSWERED) {
        return; // a retransmitted 200: ACKed again, nothing else to do
      }
      if (hangupWanted || state == State.ENDED) {
        sip.sendBye(d, callId());
        ended();
        return;
      }
      state = State.ANSWERED;
      listener.onAnswered(SipContext.body(response));
      return;
    }
    boolean wanted = hangupWanted || state == State.ENDED;
    ended();
    if (!wanted) {
      listener.onFailed(status, response.getReasonPhrase());
    }
  }

  synchronized void onTimeout() {
    if (state == State.CALLING || state == State.PROCEEDING) {
      boolean wanted = hangupWanted;
      ended();
      if (!wanted) {
        listener.onFailed(Response.REQUEST_TIMEOUT, "Request Timeout");
      }
    }
  }

  synchronized void remoteBye() {
    if (state == State.ANSWERED) {
      ended();
      listener.onHangup(HangupCause.REMOTE_BYE);
    }
  }

  /** The stack gave up on the dialog (an ACK or re-INVITE timed out): end it, as ServerLeg does. */
  synchronized void dialogTimedOut(Dialog d) {
    if (state != State.ANSWERED) {
      d.delete();
      return;
    }
    sip.sendBye(d, callId());
    ended();
    listener.onHangup(HangupCause.TIMEOUT);
  }

  private void sendCancel() {
    try {
      Request cancel = ct.createCancel();
      sip.provider.getNewClientTransaction(cancel).sendRequest();
    } catch (Exception e) {
      LOG.warn("CANCEL for {} failed: {}", callId(), e.toString());
    }
  }

  private void sendAck(Dialog d, Response response) {
    try {
      long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
      d.sendAck(d.createAck(cseq));
    } catch (Exception e) {
      LOG.warn("ACK for {} failed: {}", callId(), e.toString());
    }
  }

  private void ended() {
    state = State.ENDED;
    sip.legs.remove(key, this);
  }
}

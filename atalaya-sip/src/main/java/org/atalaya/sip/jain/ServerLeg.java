package org.atalaya.sip.jain;

import java.net.InetSocketAddress;
import java.util.UUID;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.atalaya.sip.HangupCause;
import org.atalaya.sip.InboundCall;
import org.atalaya.sip.LegListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of an incoming INVITE (the customer's leg).
 *
 * <p>Threading: methods may be called from any thread; they are synchronized so a hangup and an
 * answer cannot interleave.
 */
final class ServerLeg implements InboundCall {
  private static final Logger LOG = LoggerFactory.getLogger(ServerLeg.class);

  private enum State { PROCEEDING, ANSWERED, ENDED }

  private final SipContext sip;
  private final Request invite;
  private final ServerTransaction st;
  private final InetSocketAddress source;
  private final String authenticatedUser;
  private final String toTag = UUID.randomUUID().toString().substring(0, 8);
  // The dialog the INVITE transaction created, kept because the stack forgets it: once the 200
  // is sent the transaction only finds its dialog in the stack's table, which no longer has it
  // once the dialog is deleted (before stop 15, silently when the ACK never came; then the BYE
  // to the caller could not be sent at all).
  private final Dialog dialog;
  private final String key;
  private volatile LegListener listener;
  private State state = State.PROCEEDING;

  ServerLeg(SipContext sip, Request invite, ServerTransaction st, InetSocketAddress source, String authenticatedUser) {
    this.sip = sip;
    this.invite = invite;
    this.st = st;
    this.source = source;
    this.authenticatedUser = authenticatedUser;
    this.dialog = st.getDialog();
    this.key = SipContext.dialogKey(callId(), toTag);
    sip.legs.put(key, this);
  }

  @Override
  public String callId() {
    return ((javax.sip.header.CallIdHeader) invite.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
  }

  @Override
  public String fromUser() {
    return JainSipService.user(((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress());
  }

  @Override
  public String fromDisplayName() {
    String d = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getDisplayName();
    return d == null ? "" : d;
  }

  @Override
  public String toUser() {
    String u = JainSipService.userOf(invite.getRequestURI());
    return u.isEmpty() ? JainSipService.user(((ToHeader) invite.getHeader(ToHeader.NAME)).getAddress()) : u;
  }

  @Override
  public InetSocketAddress source() {
    return source;
  }

  @Override
  public String contactUri() {
    javax.sip.header.ContactHeader c = (javax.sip.header.ContactHeader) invite.getHeader(
        javax.sip.header.ContactHeader.NAME);
    if (c != null && c.getAddress() != null && c.getAddress().getURI() instanceof javax.sip.address.SipURI uri) {
      return uri.toString();
    }
    return "sip:" + fromUser() + "@" + source.getHostString() + ":" + source.getPort();
  }

  @Override
  public String transport() {
    return JainSipService.transportOf(invite);
  }

  @Override
  public String authenticatedUser() {
    return authenticatedUser;
  }

  @Override
  public String sdpOffer() {
    return SipContext.body(invite);
  }

  @Override
  public void setListener(LegListener listener) {
    this.listener = listener;
  }

  LegListener listener() {
    return listener;
  }

  /** The dialog in the stack's table (the one the caller's requests match), else our own. */
  Dialog dialog() {
    Dialog live = st.getDialog();
    return live != null ? live : dialog;
  }

  @Override
  public synchronized void ringing() {
    if (state == State.PROCEEDING) {
      respond(Response.RINGING, null);
    }
  }

  @Override
  public synchronized void answer(String sdpAnswer) {
    if (state != State.PROCEEDING) {
      return;
    }
    state = State.ANSWERED;
    respond(Response.OK, sdpAnswer);
  }

  @Override
  public synchronized void reject(int status, String reason) {
    if (state != State.PROCEEDING) {
      return;
    }
    respond(status, null);
    ended();
  }

  @Override
  public synchronized void refuse(int retryAfterSeconds) {
    if (state != State.PROCEEDING) {
      return;
    }
    respond(Response.SERVICE_UNAVAILABLE, null, retryAfterSeconds);
    ended();
  }

  @Override
  public synchronized void hangup() {
    switch (state) {
      case PROCEEDING -> {
        respond(Response.TEMPORARILY_UNAVAILABLE, null);
        ended();
      }
      case ANSWERED -> {
        sip.sendBye(dialog(), callId());
        ended();
      }
      case ENDED -> {}
    }
  }

  /** The caller sent CANCEL: answer the INVITE with 487 and tell call control. */
  synchronized void cancelled() {
    if (state != State.PROCEEDING) {
      return;
    }
    respond(Response.REQUEST_TERMINATED, null);
    ended();
    notifyHangup(HangupCause.REMOTE_CANCEL);
  }

  /** The caller sent BYE (already answered 200 by the service). */
  synchronized void remoteBye() {
    if (state == State.ENDED) {
      return;
    }
    ended();
    notifyHangup(HangupCause.REMOTE_BYE);
  }

  /**
   * The stack gave up on the dialog: our 200 was never ACKed, so the caller may never have heard
   * it (RFC 3261 13.3.1.4: end the session with a BYE), or a request of ours went unanswered.
   * Without this the stack dropped the dialog silently and the call stayed up for good.
   */
  synchronized void dialogTimedOut(Dialog d) {
    if (state == State.ENDED) {
      d.delete(); // already ended by a BYE the stack matched to another dialog object
      return;
    }
    if (state == State.ANSWERED) {
      sip.sendBye(d, callId());
    }
    ended();
    notifyHangup(HangupCause.TIMEOUT);
  }

  synchronized void timedOut() {
    if (state == State.ENDED) {
      return;
    }
    ended();
    notifyHangup(HangupCause.TIMEOUT);
  }

  private void notifyHangup(HangupCause cause) {
    LegListener l = listener;
    if (l != null) {
      l.onHangup(cause);
    }
  }

  private void ended() {
    state = State.ENDED;
    sip.legs.remove(key, this);
  }

  private void respond(int status, String sdp) {
    respond(status, sdp, -1);
  }

  private void respond(int status, String sdp, int retryAfterSeconds) {
    try {
      Response r = sip.messages.createResponse(status, invite);
      ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(toTag);
      if (retryAfterSeconds >= 0) {
        r.addHeader(sip.headers.createRetryAfterHeader(retryAfterSeconds));
      }
      if (status >= 180 && status < 300) {
        r.addHeader(sip.contact(JainSipService.transportOf(invite)));
      }
      if (sdp != null) {
        ContentTypeHeader ct = sip.headers.createContentTypeHeader("application", "sdp");
        r.setContent(sdp, ct);
      }
      st.sendResponse(r);
    } catch (Exception e) {
      LOG.warn("cannot send {} for call {}: {}", status, callId(), e.toString());
    }
  }
}

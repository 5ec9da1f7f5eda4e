package org.atalaya.app.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP dialogs of one {@link SoftPhone}: INVITE in and out, ACK, BYE, CANCEL, re-INVITE.
 *
 * <p>Threading: JAIN-SIP calls the listener methods on its own threads, possibly concurrently
 * (REENTRANT_LISTENER); each call's state changes happen under that {@link PhoneCall}'s monitor,
 * and nothing here blocks while holding it. Delayed answers run on the phone's scheduler.
 */
final class SoftPhoneSip implements SipListener {
  private static final Logger log = LoggerFactory.getLogger(SoftPhoneSip.class);

  private final SoftPhone phone;
  private final AtomicInteger pendingHangups = new AtomicInteger();

  SoftPhoneSip(SoftPhone phone) {
    this.phone = phone;
  }

  void sendInvite(PhoneCall call, String target, String fromUser, String fromName)
      throws ParseException, SipException, InvalidArgumentException {
    var af = phone.addresses;
    var hf = phone.headers;
    URI requestUri = af.createURI(target);
    Address from = af.createAddress(af.createSipURI(fromUser, phone.host()));
    if (!fromName.isEmpty()) {
      from.setDisplayName(fromName);
    }
    ViaHeader via = hf.createViaHeader(phone.host(), phone.port(), "udp", null);
    Request invite = phone.messages.createRequest(requestUri, Request.INVITE,
        hf.createCallIdHeader(call.callId()), hf.createCSeqHeader(1L, Request.INVITE),
        hf.createFromHeader(from, tag()), hf.createToHeader(af.createAddress(af.createURI(target)), null),
        List.of(via), hf.createMaxForwardsHeader(70));
    invite.addHeader(phone.contactHeader(fromUser));
    phone.attachSdp(invite, ourSdp(call));
    send(call, invite);
  }

  private void send(PhoneCall call, Request invite) throws SipException {
    ClientTransaction ct = phone.provider.getNewClientTransaction(invite);
    ct.setApplicationData(call);
    call.inviteClient = ct;
    ct.sendRequest();
  }

  /** Sends what ends {@code call} from its current state; the caller holds the call's monitor. */
  void hangup(PhoneCall call) throws ParseException, SipException, InvalidArgumentException {
    switch (call.state()) {
      case CALLING, RINGING -> {
        if (call.direction() == PhoneCall.Direction.OUTBOUND && call.inviteClient != null) {
          Request cancel = call.inviteClient.createCancel();
          pendingHangups.incrementAndGet();
          phone.provider.getNewClientTransaction(cancel).sendRequest();
        } else if (call.inviteServer != null) {
          respond(call.inviteServer, Response.TEMPORARILY_UNAVAILABLE, call.localTag, null);
        }
      }
      case ACTIVE -> sendBye(call.dialog);
      case ENDED -> { }
    }
  }

  private void sendBye(Dialog dialog) throws SipException {
    if (dialog == null) {
      return;
    }
    Request bye = dialog.createRequest(Request.BYE);
    ClientTransaction ct = phone.provider.getNewClientTransaction(bye);
    pendingHangups.incrementAndGet();
    dialog.sendRequest(ct);
  }

  /** Waits until the BYEs and CANCELs sent so far are answered or timed out, at most {@code max}. */
  void awaitPending(Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (pendingHangups.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void processRequest(RequestEvent ev) {
    Request req = ev.getRequest();
    PhoneCall call = phone.calls.get(callId(req));
    try {
      switch (req.getMethod()) {
        case Request.INVITE -> {
          if (call == null) {
            onInvite(ev);
          } else {
            onReInvite(call, ev);
          }
        }
        case Request.ACK -> onAck(call, req);
        case Request.BYE -> {
          respond(serverTransaction(ev), Response.OK, null, null);
          if (call != null) {
            synchronized (call) {
              phone.end(call, PhoneCall.Cause.REMOTE_HANGUP, 0);
            }
          }
        }
        case Request.CANCEL -> onCancel(call, ev);
        case Request.OPTIONS, Request.INFO, Request.UPDATE, Request.NOTIFY ->
            respond(serverTransaction(ev), Response.OK, null, null);
        default -> respond(serverTransaction(ev), Response.METHOD_NOT_ALLOWED, null, null);
      }
    } catch (ParseException | SipException | InvalidArgumentException | IOException | RuntimeException e) {
      log.debug("{}: could not handle {}", phone.user(), req.getMethod(), e);
    }
  }

  private void onInvite(RequestEvent ev) throws SipException, IOException, ParseException, InvalidArgumentException {
    ServerTransaction st = serverTransaction(ev);
    Request req = ev.getRequest();
    FromHeader from = (FromHeader) req.getHeader(FromHeader.NAME);
    String name = Optional.ofNullable(from.getAddress().getDisplayName()).orElse("");
    Optional<Sdp> offer = Sdp.parse(body(req));
    if (offer.isPresent() && offer.get().audioPayloadType().isEmpty()) {
      respond(st, Response.NOT_ACCEPTABLE_HERE, tag(), null);
      return;
    }
    PhoneCall call = new PhoneCall(phone, callId(req), PhoneCall.Direction.INBOUND,
        from.getAddress().getURI().toString(), name, new RtpStream(phone.host()), null);
    phone.calls.put(call.callId(), call);
    synchronized (call) {
      call.inviteServer = st;
      call.localTag = tag();
      offer.ifPresent(call.rtp::retarget);
      switch (phone.decide(call)) {
        case SoftPhone.Answer.Reject r -> {
          respond(st, r.status(), call.localTag, null);
          phone.end(call, PhoneCall.Cause.REJECTED, r.status());
        }
        case SoftPhone.Answer.Accept a -> {
          call.audio = a.audio();
          respond(st, Response.RINGING, call.localTag, null);
          call.dialog = st.getDialog();
          phone.timer.schedule(() -> answer(call), a.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    }
  }

  private void answer(PhoneCall call) {
    synchronized (call) {
      if (call.state() != PhoneCall.State.RINGING) {
        return;
      }
      try {
        respond(call.inviteServer, Response.OK, call.localTag, ourSdp(call));
        call.dialog = call.inviteServer.getDialog();
        phone.started(call);
      } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
        log.debug("{}: could not answer {}", phone.user(), call, e);
        phone.end(call, PhoneCall.Cause.FAILED, 0);
      }
    }
  }

  private void onReInvite(PhoneCall call, RequestEvent ev)
      throws SipException, ParseException, InvalidArgumentException {
    ServerTransaction st = serverTransaction(ev);
    synchronized (call) {
      if (call.state() != PhoneCall.State.ACTIVE) {
        respond(st, Response.REQUEST_PENDING, null, null);
        return;
      }
      // A B2BUA moves media when it bridges or plays prompts; follow it and keep the same port.
      Sdp.parse(body(ev.getRequest())).ifPresent(call.rtp::retarget);
      call.sdpVersion++;
      respond(st, Response.OK, null, ourSdp(call));
    }
  }

  private void onAck(PhoneCall call, Request ack) {
    if (call != null) {
      synchronized (call) {
        Sdp.parse(body(ack)).ifPresent(call.rtp::retarget); // answer to an offer we put in our 200
      }
    }
  }

  private void onCancel(PhoneCall call, RequestEvent ev) throws SipException, ParseException, InvalidArgumentException {
    respond(serverTransaction(ev), Response.OK, null, null);
    if (call == null) {
      return;
    }
    synchronized (call) {
      if (call.direction() == PhoneCall.Direction.INBOUND && call.state() == PhoneCall.State.RINGING) {
        respond(call.inviteServer, Response.REQUEST_TERMINATED, call.localTag, null);
        phone.end(call, PhoneCall.Cause.CANCELLED, Response.REQUEST_TERMINATED);
      }
    }
  }

  @Override
  public void processResponse(ResponseEvent ev) {
    Response r = ev.getResponse();
    String method = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod();
    int status = r.getStatusCode();
    try {
      switch (method) {
        case Request.REGISTER -> {
          Object data = ev.getClientTransaction() == null ? null : ev.getClientTransaction().getApplicationData();
          SipRegistration reg = data instanceof SipRegistration s ? s : phone.registration();
          if (reg != null) {
            reg.onResponse(r);
          }
        }
        case Request.INVITE -> onInviteResponse(ev, r, status);
        case Request.BYE, Request.CANCEL -> {
          if (status >= 200) {
            pendingHangups.decrementAndGet();
          }
        }
        default -> { }
      }
    } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
      log.debug("{}: could not handle {} response {}", phone.user(), method, status, e);
    }
  }

  private void onInviteResponse(ResponseEvent ev, Response r, int status)
      throws SipException, InvalidArgumentException, ParseException {
    PhoneCall call = phone.calls.get(callId(r));
    if (status >= 200 && status < 300) {
      Dialog dialog = ev.getDialog();
      if (dialog == null) {
        return;
      }
      long cseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
      dialog.sendAck(dialog.createAck(cseq));
      if (call == null) {
        sendBye(dialog); // answered after we gave up on it: end it at once
        return;
      }
      synchronized (call) {
        if (call.state() == PhoneCall.State.ENDED) {
          sendBye(dialog);
          return;
        }
        Sdp.parse(body(r)).ifPresent(call.rtp::retarget);
        call.dialog = dialog;
        phone.started(call);
      }
      return;
    }
    if (call == null) {
      return;
    }
    synchronized (call) {
      if (status < 200) {
        if (status > 100 && call.state() == PhoneCall.State.CALLING) {
          call.state(PhoneCall.State.RINGING);
        }
      } else if ((status == 401 || status == 407) && !call.authRetried && phone.registration() != null) {
        call.authRetried = true;
        Request retry = (Request) call.inviteClient.getRequest().clone();
        CSeqHeader cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
        cseq.setSeqNumber(cseq.getSeqNumber() + 1);
        ((ViaHeader) retry.getHeader(ViaHeader.NAME)).removeParameter("branch");
        retry.setHeader(phone.registration().credentials(r, Request.INVITE, retry.getRequestURI().toString()));
        send(call, retry);
      } else if (call.state() != PhoneCall.State.ENDED) {
        PhoneCall.Cause cause = status == Response.REQUEST_TERMINATED
            ? PhoneCall.Cause.CANCELLED : PhoneCall.Cause.REJECTED;
        phone.end(call, cause, status);
      }
    }
  }

  @Override
  public void processTimeout(TimeoutEvent ev) {
    if (ev.isServerTransaction()) {
      return;
    }
    Request req = ev.getClientTransaction().getRequest();
    switch (req.getMethod()) {
      case Request.REGISTER -> {
        if (ev.getClientTransaction().getApplicationData() instanceof SipRegistration reg) {
          reg.onTimeout();
        }
      }
      case Request.INVITE -> {
        PhoneCall call = phone.calls.get(callId(req));
        if (call != null) {
          synchronized (call) {
            phone.end(call, PhoneCall.Cause.FAILED, Response.REQUEST_TIMEOUT);
          }
        }
      }
      case Request.BYE, Request.CANCEL -> pendingHangups.decrementAndGet();
      default -> { }
    }
  }

  @Override
  public void processDialogTerminated(DialogTerminatedEvent ev) {
    PhoneCall call = phone.calls.get(ev.getDialog().getCallId().getCallId());
    if (call != null) {
      synchronized (call) {
        // The stack gave up on the dialog (e.g. no ACK ever came): nothing more will be said on it.
        if (call.dialog == ev.getDialog() && call.state() == PhoneCall.State.ACTIVE) {
          phone.end(call, PhoneCall.Cause.FAILED, 0);
        }
      }
    }
  }

  @Override
  public void processIOException(IOExceptionEvent ev) {
    log.debug("{}: I/O error towards {}:{}", phone.user(), ev.getHost(), ev.getPort());
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent ev) {
    // Nothing to release: calls end on their final responses, BYEs, CANCELs and timeouts.
  }

  private ServerTransaction serverTransaction(RequestEvent ev) throws SipException {
    ServerTransaction st = ev.getServerTransaction();
    return st != null ? st : phone.provider.getNewServerTransaction(ev.getRequest());
  }

  private void respond(ServerTransaction st, int status, String toTag, String sdp)
      throws ParseException, SipException, InvalidArgumentException {
    Response resp = phone.messages.createResponse(status, st.getRequest());
    ToHeader to = (ToHeader) resp.getHeader(ToHeader.NAME);
    if (toTag != null && to.getTag() == null) {
      to.setTag(toTag);
    }
    if (status >= 180 && status < 300 && st.getRequest().getMethod().equals(Request.INVITE)) {
      SipURI requestUri = (SipURI) st.getRequest().getRequestURI();
      resp.addHeader(phone.contactHeader(requestUri.getUser() == null ? phone.user() : requestUri.getUser()));
    }
    if (sdp != null) {
      phone.attachSdp(resp, sdp);
    }
    st.sendResponse(resp);
  }

  private String ourSdp(PhoneCall call) {
    return Sdp.describe(phone.host(), call.rtp.localPort(), Math.abs(call.callId().hashCode()), call.sdpVersion);
  }

  private static String callId(Message m) {
    return ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId();
  }

  private static String body(Message m) {
    byte[] raw = m.getRawContent();
    return raw == null ? null : new String(raw, StandardCharsets.US_ASCII);
  }

  private static String tag() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}

package org.atalaya.sip.jain;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.atalaya.sip.CallHandler;
import org.atalaya.sip.DialRequest;
import org.atalaya.sip.DigestGuard;
import org.atalaya.sip.LegListener;
import org.atalaya.sip.OutboundCall;
import org.atalaya.sip.OutboundCallListener;
import org.atalaya.sip.Registration;
import org.atalaya.sip.RegistrationListener;
import org.atalaya.sip.SipConfig;
import org.atalaya.sip.SipCredentials;
import org.atalaya.sip.SipService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Atalaya's SIP edge on the JAIN-SIP reference stack: registrar, the customer's server legs and
 * the agents' client legs.
 *
 * <p>Threading: the stack calls the listener methods on its own threads (reentrant listener);
 * call handlers are invoked on a fresh virtual thread so a slow domain never blocks the stack.
 */
public final class JainSipService implements SipService, SipListenerExt {
  private static final Logger LOG = LoggerFactory.getLogger(JainSipService.class);

  private final SipConfig config;
  private final SipCredentials credentials;
  private final CallHandler handler;
  private final RegistrationListener registrationListener;
  private final Clock clock;
  private final List<Cidr> trusted;
  private final Digest digest;
  private final DigestGuard guard;
  private SipStack stack;
  private String stackName;
  private SipContext sip;
  private Registrar registrar;
  private ScheduledExecutorService sweeper;

  public JainSipService(SipConfig config, SipCredentials credentials, CallHandler handler,
      RegistrationListener registrationListener, DigestGuard guard, Clock clock) {
    this.guard = guard;
    this.config = config;
    this.credentials = credentials;
    this.handler = handler;
    this.registrationListener = registrationListener;
    this.clock = clock;
    this.trusted = config.trustedNetworks().stream().map(Cidr::parse).toList();
    this.digest = new Digest(clock);
  }

  @Override
  public void start() throws Exception {
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    stackName = "atalaya-" + config.port() + "-" + UUID.randomUUID();
    EdgeRegistry.register(stackName, new EdgeRegistry.Edge(guard::blocked));
    Properties p = StackSettings.of(config, stackName);
    stack = factory.createSipStack(p);
    ListeningPoint udp = stack.createListeningPoint(config.bindAddress(), config.port(), ListeningPoint.UDP);
    ListeningPoint tcp = stack.createListeningPoint(config.bindAddress(), config.port(), ListeningPoint.TCP);
    SipProvider provider = stack.createSipProvider(udp);
    provider.addListeningPoint(tcp);
    provider.addSipListener(this);
    provider.setAutomaticDialogSupportEnabled(true);
    sip = new SipContext(config, provider, factory.createAddressFactory(), factory.createHeaderFactory(),
        new StandardMessageFactory());
    registrar = new Registrar(sip, credentials, registrationListener, digest, guard, clock);
    sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sip-registration-sweep");
      t.setDaemon(true);
      return t;
    });
    sweeper.scheduleAtFixedRate(registrar::sweep, 5, 5, TimeUnit.SECONDS);
    stack.start();
    LOG.info("SIP listening on {}:{} (udp, tcp)", config.bindAddress(), config.port());
  }

  @Override
  public Optional<Registration> registration(String user) {
    return registrar.lookup(user);
  }

  @Override
  public OutboundCall dial(DialRequest req, OutboundCallListener listener) {
    try {
      URI target = sip.addresses.createURI(req.targetUri());
      String host = target instanceof SipURI s ? s.getHost() : config.advertisedAddress();
      Address from = sip.addresses.createAddress("sip:" + req.fromUser() + "@" + config.advertisedAddress());
      if (!req.fromDisplayName().isEmpty()) {
        from.setDisplayName(req.fromDisplayName());
      }
      Address to = sip.addresses.createAddress("sip:" + req.toUser() + "@" + host);
      ViaHeader via = sip.headers.createViaHeader(config.advertisedAddress(), config.port(), req.transport(), null);
      Request invite = sip.messages.createRequest(target, Request.INVITE,
          sip.provider.getNewCallId(),
          sip.headers.createCSeqHeader(1L, Request.INVITE),
          sip.headers.createFromHeader(from, UUID.randomUUID().toString().substring(0, 8)),
          sip.headers.createToHeader(to, null),
          List.of(via),
          sip.headers.createMaxForwardsHeader(70));
      invite.addHeader(sip.contact(req.transport()));
      invite.addHeader(sip.headers.createUserAgentHeader(List.of("Atalaya")));
      ContentTypeHeader ct = sip.headers.createContentTypeHeader("application", "sdp");
      invite.setContent(req.sdpOffer(), ct);
      ClientLeg leg = new ClientLeg(sip, invite, listener);
      leg.send();
      return leg;
    } catch (Exception e) {
      LOG.warn("cannot dial {}: {}", req.targetUri(), e.toString());
      Thread.ofVirtual().start(() -> listener.onFailed(500, "cannot send INVITE: " + e.getMessage()));
      String id = "failed-" + UUID.randomUUID();
      return new OutboundCall() {
        @Override
        public String callId() {
          return id;
        }

        @Override
        public void hangup() {}
      };
    }
  }

  @Override
  public int activeLegs() {
    return sip == null ? 0 : sip.legs.size();
  }

  @Override
  public void close() {
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
    if (stack != null) {
      stack.stop();
      EdgeRegistry.remove(stackName);
    }
  }

  // --- SipListener

  @Override
  public void processRequest(RequestEvent event) {
    Request request = event.getRequest();
    ServerTransaction st = event.getServerTransaction();
    try {
      String method = request.getMethod();
      if (Request.ACK.equals(method)) {
        return;
      }
      if (st == null && opensSomething(request) && guard.blocked(Authenticator.source(request))) {
        return; // a blocked guesser gets no answer, and no transaction is kept for it (DigestGuard)
      }
      if (st == null) {
        try {
          st = sip.provider.getNewServerTransaction(request);
        } catch (TransactionAlreadyExistsException retransmission) {
          return;
        } catch (TransactionUnavailableException unserved) {
          Refusals.unserved(request, unserved);
          return;
        }
      }
      switch (method) {
        case Request.REGISTER -> registrar.handle(request, st);
        case Request.INVITE -> onInvite(request, st);
        case Request.BYE -> Hangups.bye(sip, request, st);
        case Request.CANCEL -> onCancel(request, st);
        case Request.REFER -> Refers.handle(sip, request, st);
        case Request.OPTIONS, Request.INFO, Request.NOTIFY, Request.UPDATE ->
            st.sendResponse(sip.messages.createResponse(Response.OK, request));
        default -> {
          Response r = sip.messages.createResponse(Response.METHOD_NOT_ALLOWED, request);
          r.addHeader(sip.headers.createAllowHeader(RequestScreen.ALLOW));
          st.sendResponse(r);
        }
      }
    } catch (Exception e) {
      if (e instanceof SipException && e.getCause() instanceof IOException gone) {
        // RFC 3261 18.2.2: the answer to a peer whose connection closed goes over a new one; when
        // that fails too the peer is gone, which is no fault of ours (fuzz finding S3): one line.
        LOG.info("cannot answer {} from {}: {}", request.getMethod(), Authenticator.source(request), gone.toString());
        return;
      }
      LOG.warn("error handling {}: {}", request.getMethod(), e.toString(), e);
      try {
        if (st != null) {
          st.sendResponse(sip.messages.createResponse(Response.SERVER_INTERNAL_ERROR, request));
        }
      } catch (Exception ignored) {
        // the transaction may already have a final response
      }
    }
  }

  /** A REGISTER or a dialog-creating INVITE: what a guesser sends, unlike a BYE in a call. */
  private static boolean opensSomething(Request request) {
    return Request.REGISTER.equals(request.getMethod()) || Request.INVITE.equals(request.getMethod())
        && ((javax.sip.header.ToHeader) request.getHeader(javax.sip.header.ToHeader.NAME)).getTag() == null;
  }

  private void onInvite(Request request, ServerTransaction st) throws Exception {
    if (((javax.sip.header.ToHeader) request.getHeader(javax.sip.header.ToHeader.NAME)).getTag() != null) {
      Object leg = sip.legOf(request, st.getDialog());
      if (leg == null) {
        // RFC 3261 12.2.2: an in-dialog request for a dialog we do not have.
        st.sendResponse(sip.messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
      } else {
        onReInvite(request, st, leg);
      }
      return;
    }
    st.sendResponse(sip.messages.createResponse(Response.TRYING, request));
    SIPMessage m = (SIPMessage) request;
    InetSocketAddress source = new InetSocketAddress(m.getRemoteAddress(), m.getRemotePort());
    String user = null;
    String dialled = userOf(request.getRequestURI());
    if (!isTrusted(m.getRemoteAddress()) || (dialled != null && handler.requiresAuthentication(dialled))) {
      Authenticator.Result auth = new Authenticator(sip, credentials, digest, guard).check(request, ProxyAuthorizationHeader.NAME);
      switch (auth) {
        case Authenticator.Result.Challenge c -> {
          Response r = sip.messages.createResponse(Response.PROXY_AUTHENTICATION_REQUIRED, request);
          ProxyAuthenticateHeader h = sip.headers.createProxyAuthenticateHeader("Digest");
          h.setRealm(c.realm());
          h.setNonce(c.nonce());
          h.setAlgorithm("MD5");
          h.setQop("auth");
          if (c.stale()) {
            h.setParameter("stale", "true");
          }
          r.addHeader(h);
          st.sendResponse(r);
          return;
        }
        case Authenticator.Result.Forbidden f -> {
          LOG.info("INVITE from {} refused: {}", source, f.reason());
          st.sendResponse(sip.messages.createResponse(Response.FORBIDDEN, request));
          return;
        }
        case Authenticator.Result.Ok ok -> user = ok.user();
      }
    }
    if (request.getRawContent() == null || request.getRawContent().length == 0) {
      st.sendResponse(sip.messages.createResponse(Response.NOT_ACCEPTABLE_HERE, request));
      return;
    }
    ServerLeg leg = new ServerLeg(sip, request, st, source, user);
    st.setApplicationData(leg);
    if (st.getDialog() != null) {
      st.getDialog().setApplicationData(leg);
    }
    Thread.ofVirtual().name("sip-invite").start(() -> {
      try {
        handler.onIncomingCall(leg);
      } catch (RuntimeException e) {
        LOG.error("call handler failed", e);
        leg.reject(Response.SERVER_INTERNAL_ERROR, "Server Internal Error");
      }
    });
  }

  private void onReInvite(Request request, ServerTransaction st, Object leg) throws Exception {
    LegListener listener = leg instanceof ServerLeg s ? s.listener()
        : leg instanceof ClientLeg c ? c.listener() : null;
    if (listener == null) {
      st.sendResponse(sip.messages.createResponse(Response.SERVER_INTERNAL_ERROR, request));
      return;
    }
    String answer;
    try {
      answer = listener.onReoffer(SipContext.body(request));
    } catch (RuntimeException e) {
      LOG.warn("re-INVITE refused: {}", e.getMessage());
      st.sendResponse(sip.messages.createResponse(Response.NOT_ACCEPTABLE_HERE, request));
      return;
    }
    Response ok = sip.messages.createResponse(Response.OK, request);
    ok.addHeader(sip.contact(transportOf(request)));
    ok.setContent(answer, sip.headers.createContentTypeHeader("application", "sdp"));
    st.sendResponse(ok);
  }

  private void onCancel(Request request, ServerTransaction st) throws Exception {
    st.sendResponse(sip.messages.createResponse(Response.OK, request));
    if (st instanceof SIPServerTransaction sst && sst.getCanceledInviteTransaction() != null
        && sst.getCanceledInviteTransaction().getApplicationData() instanceof ServerLeg leg) {
      leg.cancelled();
    }
  }

  private boolean isTrusted(InetAddress address) {
    for (Cidr c : trusted) {
      if (c.contains(address)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void processResponse(ResponseEvent event) {
    Response response = event.getResponse();
    javax.sip.ClientTransaction ct = event.getClientTransaction();
    Object leg = ct != null ? ct.getApplicationData() : event.getDialog() == null ? null : event.getDialog().getApplicationData();
    if (leg == null && ct == null && event.getDialog() != null && response.getStatusCode() / 100 == 2) {
      // A retransmitted 200 for a dialog whose transaction is gone: ACK it again.
      try {
        long cseq = ((javax.sip.header.CSeqHeader) response.getHeader("CSeq")).getSeqNumber();
        event.getDialog().sendAck(event.getDialog().createAck(cseq));
      } catch (Exception e) {
        LOG.debug("re-ACK failed", e);
      }
      return;
    }
    if (leg instanceof ClientLeg c && Request.INVITE.equals(((javax.sip.header.CSeqHeader) response.getHeader("CSeq")).getMethod())) {
      if (event.getDialog() != null) {
        event.getDialog().setApplicationData(c);
      }
      c.onResponse(response, event.getDialog());
    }
  }

  @Override
  public void processTimeout(TimeoutEvent event) {
    if (event.isServerTransaction()) {
      Object leg = event.getServerTransaction().getApplicationData();
      if (leg instanceof ServerLeg s) {
        s.timedOut();
      }
    } else if (event.getClientTransaction().getApplicationData() instanceof ClientLeg c) {
      c.onTimeout();
    }
  }

  @Override
  public void processIOException(IOExceptionEvent event) {
    LOG.info("SIP transport error towards {}:{} ({})", event.getHost(), event.getPort(), event.getTransport());
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {}

  /** Dialog timeouts come to us because we are a {@link SipListenerExt}: see {@link Hangups}. */
  @Override
  public void processDialogTimeout(DialogTimeoutEvent event) {
    Hangups.dialogTimedOut(sip, event);
  }

  // --- helpers shared by the legs

  static String user(Address address) {
    return userOf(address.getURI());
  }

  /**
   * The URI's user part, unescaped: phones may send {@code *41} as {@code %2A41}, and RFC 3261
   * (19.1.4) compares user parts unescaped. A malformed escape is kept as it came.
   */
  static String userOf(URI uri) {
    String user = uri instanceof SipURI s && s.getUser() != null ? s.getUser() : "";
    if (user.indexOf('%') < 0) {
      return user;
    }
    try {
      return java.net.URLDecoder.decode(user.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return user;
    }
  }

  static String transportOf(Request request) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    return via == null ? "udp" : via.getTransport().toLowerCase(java.util.Locale.ROOT);
  }
}

package org.atalaya.core.monitoring;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.atalaya.core.calls.CallControl;
import org.atalaya.core.calls.Mailbox;
import org.atalaya.core.calls.MonitorTarget;
import org.atalaya.core.routing.Acd;
import org.atalaya.core.routing.Offer;
import org.atalaya.core.sdp.AnsweredLeg;
import org.atalaya.core.sdp.Negotiation;
import org.atalaya.core.sdp.SdpException;
import org.atalaya.core.sdp.SdpParser;
import org.atalaya.core.sdp.SessionDescription;
import org.atalaya.media.Codec;
import org.atalaya.media.MonitorMode;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.sip.DialRequest;
import org.atalaya.sip.HangupCause;
import org.atalaya.sip.InboundCall;
import org.atalaya.sip.LegListener;
import org.atalaya.sip.OutboundCall;
import org.atalaya.sip.OutboundCallListener;
import org.atalaya.sip.SipService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monitoring from a SIP phone: the feature codes ({@code *21<ext>}..{@code *24<ext>}) dialled
 * by a supervisor's authenticated phone, and "call me" from the dashboard, which rings that
 * phone. During a session keys 1-4 switch mode; hanging up ends it.
 *
 * <p>Threading: SIP callbacks arrive on SIP threads and media DTMF on the media loop; each
 * session's key presses go through its own mailbox so mode changes (which may wait for the
 * call's mailbox) never block either.
 */
public final class PhoneMonitoring implements CallControl.FeatureCodeHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PhoneMonitoring.class);

  private final MonitoringService service;
  private final SupervisorDirectory directory;
  private final Acd acd;
  private final Executor executor;
  private volatile SipService sip;

  public PhoneMonitoring(MonitoringService service, SupervisorDirectory directory, Acd acd, Executor executor) {
    this.service = service;
    this.directory = directory;
    this.acd = acd;
    this.executor = executor;
  }

  /** The SIP service to dial supervisors' phones through (wired after construction). */
  public void bind(SipService sip) {
    this.sip = sip;
  }

  @Override
  public boolean handles(String dialledUser) {
    return FeatureCode.parse(dialledUser).isPresent();
  }

  @Override
  public void onFeatureCode(InboundCall inbound) {
    FeatureCode code = FeatureCode.parse(inbound.toUser()).orElseThrow();
    String ext = inbound.authenticatedUser();
    Optional<Actor> actor = ext == null ? Optional.empty() : directory.byExtension(ext);
    if (actor.isEmpty() || !actor.get().maySupervise()) {
      LOG.info("feature code {} from {} refused: not a supervisor's phone", inbound.toUser(), ext);
      inbound.reject(403, "Forbidden");
      return;
    }
    Optional<MonitorTarget> target = service.agentCall(actor.get(), code.extension());
    if (target.isEmpty() || target.get().snapshot().answeredAt() == null) {
      inbound.reject(404, "Not Found");
      return;
    }
    AnsweredLeg leg;
    try {
      leg = AnsweredLeg.accept(inbound.sdpOffer(), target.get()::openEndpoint);
    } catch (SdpException e) {
      inbound.reject(488, "Not Acceptable Here");
      return;
    } catch (IOException e) {
      inbound.reject(503, "Service Unavailable");
      return;
    }
    RtpEndpoint endpoint = leg.endpoint();
    AtomicReference<MonitorSession> session = new AtomicReference<>();
    inbound.setListener(new LegListener() {
      @Override
      public void onHangup(HangupCause cause) {
        MonitorSession s = session.get();
        if (s != null) {
          service.left(s, "supervisor hung up");
        } else {
          endpoint.close();
        }
      }

      @Override
      public String onReoffer(String sdpOffer) {
        synchronized (leg) {
          try {
            return leg.reoffer(sdpOffer);
          } catch (SdpException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
          }
        }
      }
    });
    try {
      MonitorSession s = service.startPhone(UUID.randomUUID().toString(), actor.get(), target.get(), code.mode(),
          endpoint, () -> {
            inbound.hangup();
            endpoint.close();
          });
      session.set(s);
      listenForKeys(s, actor.get(), endpoint);
    } catch (MonitoringException e) {
      LOG.info("feature code {} from {} refused: {}", inbound.toUser(), ext, e.getMessage());
      endpoint.close();
      inbound.reject(e.kind() == MonitoringException.Kind.FORBIDDEN ? 403 : 480, "Temporarily Unavailable");
      return;
    }
    synchronized (leg) {
      inbound.answer(leg.answer());
    }
  }

  /**
   * Rings the actor's registered phone and, when answered, joins it to the call in {@code mode}.
   * Returns the session id the session will have.
   */
  public String callMe(Actor actor, String callId, MonitorMode mode) {
    MonitorTarget target = service.authorizedTarget(actor, callId);
    if (actor.extension() == null) {
      throw new MonitoringException(MonitoringException.Kind.BAD_REQUEST,
          "no phone extension is linked to user " + actor.login());
    }
    Offer phone = acd.contact(actor.extension()).orElseThrow(() -> MonitoringException.conflict(
        "the phone of extension " + actor.extension() + " is not registered"));
    SipService s = sip;
    if (s == null) {
      throw MonitoringException.conflict("SIP is not running");
    }
    RtpEndpoint endpoint;
    try {
      endpoint = target.openEndpoint();
    } catch (IOException e) {
      throw MonitoringException.conflict("no media port free");
    }
    String sessionId = UUID.randomUUID().toString();
    long sdpSession = Negotiation.newSessionId();
    String sdp = Negotiation.offer(endpoint.localAddress(), sdpSession, 1);
    ActiveCallLeg leg = new ActiveCallLeg(sessionId, actor, target, mode, endpoint, sdpSession);
    leg.call = s.dial(new DialRequest(phone.contactUri(), phone.transport(), target.snapshot().fromNumber(),
        "Atalaya " + mode.label(), actor.extension(), sdp), leg);
    return sessionId;
  }

  /** Keys 1-4 on the supervisor's phone switch mode, through a mailbox of the session's own. */
  private void listenForKeys(MonitorSession s, Actor actor, RtpEndpoint endpoint) {
    Mailbox keys = new Mailbox(executor, "monitor-keys-" + s.id());
    endpoint.onDtmf((digit, ms) -> FeatureCode.modeForKey(digit).ifPresent(mode -> keys.post(() -> {
      try {
        service.changeMode(actor, s.id(), mode);
      } catch (MonitoringException e) {
        LOG.info("monitoring {}: key {} ignored: {}", s.id(), digit, e.getMessage());
      }
    })));
  }

  /** The outbound leg of a "call me": joins the session when the supervisor answers. */
  private final class ActiveCallLeg implements OutboundCallListener {
    private final String sessionId;
    private final Actor actor;
    private final MonitorTarget target;
    private final MonitorMode mode;
    private final RtpEndpoint endpoint;
    private final long sdpSession;
    private long sdpVersion = 1;
    private Codec codec;
    volatile OutboundCall call;
    private volatile MonitorSession session;

    ActiveCallLeg(String sessionId, Actor actor, MonitorTarget target, MonitorMode mode, RtpEndpoint endpoint,
        long sdpSession) {
      this.sessionId = sessionId;
      this.actor = actor;
      this.target = target;
      this.mode = mode;
      this.endpoint = endpoint;
      this.sdpSession = sdpSession;
    }

    @Override
    public void onRinging() {}

    @Override
    public void onAnswered(String sdpAnswer) {
      executor.execute(() -> {
        try {
          SessionDescription answer = SdpParser.parse(sdpAnswer);
          synchronized (this) {
            codec = Negotiation.chooseCodec(answer);
          }
          endpoint.configure(Negotiation.remoteMedia(answer, codec));
          session = service.startPhone(sessionId, actor, target, mode, endpoint, () -> {
            call.hangup();
            endpoint.close();
          });
          listenForKeys(session, actor, endpoint);
        } catch (SdpException | MonitoringException e) {
          LOG.info("call-me {}: not joined: {}", sessionId, e.getMessage());
          call.hangup();
          endpoint.close();
        }
      });
    }

    @Override
    public void onFailed(int status, String reason) {
      LOG.info("call-me {}: the supervisor's phone answered {} {}", sessionId, status, reason);
      endpoint.close();
    }

    @Override
    public void onHangup(HangupCause cause) {
      MonitorSession s = session;
      if (s != null) {
        service.left(s, "supervisor hung up");
      } else {
        endpoint.close();
      }
    }

    @Override
    public synchronized String onReoffer(String sdpOffer) {
      try {
        SessionDescription offer = SdpParser.parse(sdpOffer);
        codec = Negotiation.keepOrChoose(offer, codec);
        endpoint.configure(Negotiation.remoteMedia(offer, codec));
        return Negotiation.answer(endpoint.localAddress(), codec, offer.telephoneEventPayloadType(),
            Negotiation.answerDirection(offer.direction()), sdpSession, ++sdpVersion);
      } catch (SdpException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }
}

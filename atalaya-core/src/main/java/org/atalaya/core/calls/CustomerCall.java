package org.atalaya.core.calls;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.atalaya.core.calls.ActiveCall.State;
import org.atalaya.core.recording.RecordingService.ActiveRecording;
import org.atalaya.core.recording.RecordingService.CallFacts;
import org.atalaya.core.recording.policy.CallTraits;
import org.atalaya.core.routing.Offer;
import org.atalaya.core.routing.WaitingCall;
import org.atalaya.core.sdp.AnsweredLeg;
import org.atalaya.core.sdp.Negotiation;
import org.atalaya.core.sdp.SdpException;
import org.atalaya.core.sdp.SdpParser;
import org.atalaya.core.sdp.SessionDescription;
import org.atalaya.media.Bridge;
import org.atalaya.media.Direction;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.sip.HangupCause;
import org.atalaya.sip.InboundCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One customer call through the default queue: ring agents (longest idle first, one at a time
 * with a ring timeout), bridge the first that answers through anchored endpoints, record in
 * stereo, and write the call record at the end.
 *
 * <p>Threading: every state change runs in the call's {@link Mailbox}. SIP and media callbacks
 * only post to it; re-INVITEs, which need an answer, wait for the mailbox briefly.
 */
final class CustomerCall implements WaitingCall {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerCall.class);

  private enum Phase { NEW, CONSENT, QUEUED, RINGING, CONNECTED, ANNOUNCING, ENDED }

  private final CallContext ctx;
  final String id;
  private final InboundCall inbound;
  final Mailbox mailbox;
  private final CallIdentity facts;
  private final Set<String> offeredTo = new HashSet<>(); // guarded by the ACD's lock
  private volatile Instant queuedAt;
  private volatile ActiveCall snapshot;

  // Mailbox-confined state.
  private Phase phase = Phase.NEW;
  private AnsweredLeg customer;
  private RtpEndpoint customerEndpoint;
  private boolean inboundGone; // the customer's leg ended on its side: nothing to hang up
  private boolean onHold;
  private AgentAttempt attempt;
  private Bridge bridge;
  private RecordingPlan plan;
  private boolean customerAnswered;
  private Instant answeredAt;
  private ScheduledFuture<?> maxWaitTimer;
  private String takenOverBy;
  private final SensitiveSegment sensitive = new SensitiveSegment();

  CustomerCall(CallContext ctx, String id, InboundCall inbound) {
    this.ctx = ctx;
    this.id = id;
    this.inbound = inbound;
    this.mailbox = new Mailbox(ctx.executor(), "call-" + id);
    this.facts = new CallIdentity(id, ctx.settings().tenantId(), ctx.settings().queue(), inbound, ctx.clock().instant());
    this.queuedAt = facts.startedAt();
    publish(State.QUEUED, null);
  }

  String id() {
    return id;
  }

  ActiveCall snapshot() {
    return snapshot;
  }

  void start() {
    mailbox.post(this::onStart);
  }

  void shutdown() {
    mailbox.post(() -> endBy("system"));
  }

  // WaitingCall, called by the ACD.
  @Override
  public Instant queuedAt() {
    return queuedAt;
  }

  @Override
  public Set<String> offeredTo() {
    return offeredTo;
  }

  @Override
  public String excludedAgent() {
    return inbound.authenticatedUser();
  }

  @Override
  public void offer(Offer offer) {
    mailbox.post(() -> ringAgent(offer));
  }

  private void onStart() {
    inbound.setListener(new CallLegs.CustomerLeg(this));
    try {
      customer = AnsweredLeg.accept(inbound.sdpOffer(), () -> ctx.media().open(this));
    } catch (SdpException e) {
      LOG.warn("call {}: unusable SDP offer: {}", id, e.getMessage());
      inbound.reject(488, "Not Acceptable Here");
      finish(Disposition.FAILED, "system");
      return;
    } catch (IOException e) {
      LOG.error("call {}: no media port", id, e);
      inbound.reject(503, "Service Unavailable");
      finish(Disposition.FAILED, "system");
      return;
    }
    customerEndpoint = customer.endpoint();
    plan = new RecordingPlan(ctx.policies().forTenant().apply(ctx.settings().tenantId()));
    if (ctx.acd().registeredAgents() == 0) {
      LOG.info("call {}: no agent registered", id);
      announceNoAgents();
      return;
    }
    if (plan.announces(ctx.settings().queue())) {
      announceConsent();
      return;
    }
    enqueue();
  }

  /**
   * The recording notice, before any agent is rung; the caller may decline with the opt-out key
   * while it plays. The caller is answered for it (as every IVR does).
   */
  private void announceConsent() {
    phase = Phase.CONSENT;
    publish(State.ANNOUNCING, null);
    answerCustomer();
    Character key = plan.optOutKey();
    if (key != null) {
      customerEndpoint.onDtmf((digit, ms) -> {
        if (digit == key) {
          mailbox.post(() -> {
            if (phase == Phase.CONSENT) {
              LOG.info("call {}: the caller declined recording", id);
              plan.optedOut();
            }
          });
        }
      });
    }
    short[] prompt = ctx.prompts().get(ctx.settings().tenantId(), ctx.settings().promptLanguage(), "consent");
    customerEndpoint.play(prompt, () -> mailbox.post(() -> {
      if (phase == Phase.CONSENT) {
        plan.announced();
        enqueue();
      }
    }));
  }

  private void enqueue() {
    if (!customerAnswered) {
      inbound.ringing();
    }
    phase = Phase.QUEUED;
    maxWaitTimer = schedule(ctx.settings().maxWait().toMillis(), this::onMaxWait);
    ctx.acd().enqueue(this);
  }

  private void ringAgent(Offer offer) {
    if (phase != Phase.QUEUED) {
      ctx.acd().release(offer.extension(), false);
      return;
    }
    RtpEndpoint endpoint;
    try {
      endpoint = ctx.media().open(this);
    } catch (IOException e) {
      LOG.error("call {}: no media port for agent {}", id, offer.extension(), e);
      ctx.acd().release(offer.extension(), false);
      end(Disposition.FAILED, "system");
      return;
    }
    AgentAttempt a = new AgentAttempt(offer, endpoint, Negotiation.newSessionId());
    attempt = a;
    phase = Phase.RINGING;
    publish(State.RINGING, offer.extension());
    LOG.info("call {}: ringing agent {}", id, offer.extension());
    a.leg = ctx.sip().dial(a.dialRequest(inbound.fromUser(), inbound.fromDisplayName()), new CallLegs.AgentLeg(this, a));
    a.ringTimer = schedule(ctx.settings().ringTimeout().toMillis(), () -> onRingTimeout(a));
  }

  private void onRingTimeout(AgentAttempt a) {
    if (a != attempt || phase != Phase.RINGING) {
      return;
    }
    LOG.info("call {}: agent {} did not answer in {}", id, a.extension(), ctx.settings().ringTimeout());
    dropAttempt();
    requeue();
  }

  private void dropAttempt() {
    AgentAttempt a = attempt;
    attempt = null;
    a.release();
    ctx.acd().release(a.extension(), a.answered);
  }

  /**
   * Back in the queue after an agent did not take the call. The pause keeps a phone that
   * rejects at once (do-not-disturb, busy) from being rung in a tight loop, as Asterisk's
   * queue "retry" does.
   */
  private void requeue() {
    phase = Phase.QUEUED;
    publish(State.QUEUED, null);
    schedule(RETRY_PAUSE_MS, () -> {
      if (phase == Phase.QUEUED) {
        ctx.acd().enqueue(this);
      }
    });
  }

  private static final long RETRY_PAUSE_MS = 1000;

  void agentAnswered(AgentAttempt a, String sdpAnswer) {
    if (a != attempt || phase != Phase.RINGING) {
      // Answered after we gave up on it (timeout, caller gone): the leg is hung up already
      // or is being; hanging up again is a no-op.
      a.leg.hangup();
      return;
    }
    try {
      SessionDescription agentSdp = SdpParser.parse(sdpAnswer);
      a.codec = Negotiation.chooseCodec(agentSdp);
      a.telephoneEventPt = agentSdp.telephoneEventPayloadType();
      a.endpoint.configure(Negotiation.remoteMedia(agentSdp, a.codec));
    } catch (SdpException e) {
      LOG.warn("call {}: agent {} answered with unusable SDP: {}", id, a.extension(), e.getMessage());
      dropAttempt();
      requeue();
      return;
    }
    a.cancelTimer();
    a.answered = true;
    cancel(maxWaitTimer);
    answerCustomer();
    bridge = ctx.media().bridge(customerEndpoint, a.endpoint);
    sensitive.applyTo(bridge);
    answeredAt = ctx.clock().instant();
    phase = Phase.CONNECTED;
    ctx.acd().answered(a.extension());
    publish(State.CONNECTED, a.extension());
    // The observer only hands the request off, so calling it from the media loop is fine.
    String actor = "sip:" + a.extension();
    a.endpoint.onDtmf(new HelpKeys(ctx.clock(), java.util.Map.of(
        '0', () -> ctx.observer().helpRequested(snapshot),
        '1', () -> mailbox.post(() -> onDemand(true, actor)),
        '2', () -> mailbox.post(() -> onDemand(false, actor)),
        '7', () -> mailbox.post(() -> sensitive(!sensitive.isOn(), actor)))));
    LOG.info("call {}: agent {} answered, bridged {} <-> {}", id, a.extension(), customer.codec(), a.codec);
    plan.answered(ctx, id, bridge, callFacts(a.extension()), new CallTraits(ctx.settings().queue(), a.extension(),
        "INBOUND", inbound.fromUser(), !ctx.records().hasCallsFrom(ctx.settings().tenantId(), inbound.fromUser())));
  }

  private CallFacts callFacts(String agent) {
    return new CallFacts(ctx.settings().tenantId(), id, inbound.fromUser(), inbound.toUser(), agent);
  }

  /** On-demand recording start or stop (mailbox); the new snapshot, null once ended. */
  ActiveCall onDemand(boolean on, String actor) {
    if (phase != Phase.CONNECTED || bridge == null) {
      throw new IllegalStateException("the call is not connected");
    }
    if (plan.onDemand(on, ctx, id, bridge, callFacts(snapshot.agentExtension()))) {
      LOG.info("call {}: recording {} by {}", id, on ? "started" : "stopped", actor);
      publish(snapshot.state(), snapshot.agentExtension());
      ctx.observer().recordingChanged(snapshot, on, actor);
    }
    return snapshot;
  }

  // Monitoring, through CallMonitorPort (mailbox).

  /** The bridge while customer and agent (or a supervisor) are connected; else null. */
  Bridge connectedBridge() {
    return phase == Phase.CONNECTED ? bridge : null;
  }

  /** Switches the sensitive segment (card data); returns the new snapshot, null once ended. */
  ActiveCall sensitive(boolean on, String actor) {
    if (phase == Phase.ENDED) {
      return null;
    }
    if (sensitive.turn(on, bridge, plan == null ? null : plan.recording())) {
      LOG.info("call {}: sensitive segment {} by {}", id, on ? "on" : "off", actor);
      publish(snapshot.state(), snapshot.agentExtension());
      ctx.observer().sensitiveChanged(snapshot, on, actor);
    }
    return snapshot;
  }

  /** Take-over: the agent's leg goes; the customer's leg, bridge and recording stay. */
  void releaseAgentForTakeOver(String supervisor) {
    takenOverBy = supervisor;
    if (attempt != null) {
      AgentAttempt a = attempt;
      attempt = null;
      a.release();
      ctx.acd().release(a.extension(), true);
      LOG.info("call {}: taken over by {}, agent {} released", id, supervisor, a.extension());
    }
  }

  void endBy(String who) {
    end(answeredAt != null ? Disposition.ANSWERED : Disposition.FAILED, who);
  }

  void agentFailed(AgentAttempt a, int status, String reason) {
    if (a != attempt) {
      return;
    }
    LOG.info("call {}: agent {} declined: {} {}", id, a.extension(), status, reason);
    attempt = null;
    a.cancelTimer();
    a.endpoint.close();
    ctx.acd().release(a.extension(), false);
    if (phase == Phase.RINGING) {
      requeue();
    }
  }

  void agentHungUp(AgentAttempt a, HangupCause cause) {
    if (a != attempt) {
      return;
    }
    if (phase == Phase.CONNECTED) {
      end(Disposition.ANSWERED, "agent");
    } else {
      agentFailed(a, 408, cause.name());
    }
  }

  void customerHungUp(HangupCause cause) {
    if (phase == Phase.ENDED) {
      return;
    }
    inboundGone = true;
    Disposition d = answeredAt != null ? Disposition.ANSWERED
        : phase == Phase.ANNOUNCING ? Disposition.UNANSWERED : Disposition.ABANDONED;
    LOG.info("call {}: customer hung up ({})", id, cause);
    end(d, "customer");
  }

  private void onMaxWait() {
    if (phase != Phase.QUEUED && phase != Phase.RINGING) {
      return;
    }
    LOG.info("call {}: no agent answered within {}", id, ctx.settings().maxWait());
    ctx.acd().remove(this);
    if (attempt != null) {
      dropAttempt();
    }
    announceNoAgents();
  }

  private void announceNoAgents() {
    phase = Phase.ANNOUNCING;
    publish(State.ANNOUNCING, null);
    answerCustomer();
    short[] prompt = ctx.prompts().get(ctx.settings().promptLanguage(), "no-agents");
    customerEndpoint.play(prompt, () -> mailbox.post(() -> {
      if (phase == Phase.ANNOUNCING) {
        end(Disposition.UNANSWERED, "system");
      }
    }));
  }

  private void answerCustomer() {
    if (!customerAnswered) {
      customerAnswered = true;
      inbound.answer(customer.answer());
    }
  }

  String customerReoffer(String sdp) throws SdpException {
    String answer = customer.reoffer(sdp);
    updateHold();
    return answer;
  }

  String agentReoffer(AgentAttempt a, String sdp) throws SdpException {
    String answer = a.reoffer(SdpParser.parse(sdp));
    updateHold();
    return answer;
  }

  private void updateHold() {
    if (phase != Phase.CONNECTED) {
      return;
    }
    boolean hold = customer.direction() != Direction.SENDRECV
        || (attempt != null && attempt.direction != Direction.SENDRECV);
    if (hold != onHold) {
      onHold = hold;
      LOG.info("call {}: {}", id, hold ? "on hold" : "resumed");
      publish(hold ? State.ON_HOLD : State.CONNECTED, attempt == null ? null : attempt.extension());
    }
  }

  /** Ends the call from any phase: releases legs, ports, agent and recording; writes the CDR. */
  private void end(Disposition disposition, String endedBy) {
    if (phase == Phase.ENDED) {
      return;
    }
    phase = Phase.ENDED;
    cancel(maxWaitTimer);
    ctx.acd().remove(this);
    ActiveRecording recording = plan == null ? null : plan.recording();
    if (recording != null) {
      plan.closeGaps();
      sensitive.close(recording);
      recording.finish();
    }
    if (bridge != null) {
      bridge.close();
    }
    if (attempt != null) {
      AgentAttempt a = attempt;
      attempt = null;
      if ("agent".equals(endedBy)) {
        a.cancelTimer();
        a.endpoint.close();
      } else {
        a.release();
      }
      ctx.acd().release(a.extension(), a.answered);
    }
    if (customerEndpoint != null) {
      customerEndpoint.close();
    }
    if (!inboundGone) {
      inbound.hangup();
    }
    finish(disposition, endedBy);
  }

  private void finish(Disposition disposition, String endedBy) {
    phase = Phase.ENDED;
    Instant now = ctx.clock().instant();
    ActiveCall last = snapshot;
    CallRecord record = facts.record(answeredAt != null ? last.agentExtension() : null, answeredAt, now, disposition,
        endedBy, plan == null || plan.recording() == null ? null : plan.recording().id(),
        plan == null ? null : plan.consent());
    try {
      ctx.records().insert(record);
    } catch (RuntimeException e) {
      LOG.error("call {}: call record could not be stored: {}", id, record, e);
    }
    LOG.info("call {} ended: {} by {}{}", id, disposition, endedBy,
        takenOverBy == null ? "" : " (taken over by " + takenOverBy + ")");
    ctx.onEnded().accept(this);
    ctx.observer().ended(last);
  }

  private void publish(State state, String agent) {
    snapshot = facts.snapshot(state, agent, answeredAt, sensitive.isOn());
    ctx.observer().changed(snapshot);
  }

  private ScheduledFuture<?> schedule(long millis, Runnable task) {
    return ctx.timers().schedule(() -> mailbox.post(task), millis, TimeUnit.MILLISECONDS);
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}

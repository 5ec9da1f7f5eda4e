package org.atalaya.core.calls;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.atalaya.core.calls.ActiveCall.State;
import org.atalaya.core.recording.RecordingService.ActiveRecording;
import org.atalaya.core.recording.RecordingService.CallFacts;
import org.atalaya.core.recording.policy.CallTraits;
import org.atalaya.core.routing.Offer;
import org.atalaya.core.sdp.Negotiation;
import org.atalaya.core.sdp.SdpException;
import org.atalaya.media.Bridge;
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
final class CustomerCall {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerCall.class);

  private enum Phase { NEW, CONSENT, QUEUED, RINGING, CONNECTED, ANNOUNCING, ENDED }

  private final CallContext ctx;
  final String id;
  private final InboundCall inbound;
  final Mailbox mailbox;
  private final CallIdentity facts;
  private final QueueEntry queueEntry;
  private volatile ActiveCall snapshot;

  // Mailbox-confined state.
  private Phase phase = Phase.NEW;
  private final CallerSide caller;
  private boolean onHold;
  private AgentAttempt attempt;
  private Bridge bridge;
  private RecordingPlan plan;
  private Instant answeredAt;
  private ScheduledFuture<?> maxWaitTimer;
  private String takenOverBy;
  private final SensitiveSegment sensitive = new SensitiveSegment();

  CustomerCall(CallContext ctx, String id, InboundCall inbound) {
    this.ctx = ctx;
    this.id = id;
    this.inbound = inbound;
    this.caller = new CallerSide(inbound);
    this.mailbox = new Mailbox(ctx.executor(), "call-" + id);
    this.facts = new CallIdentity(id, ctx.settings().tenantId(), ctx.settings().queue(), inbound, ctx.clock().instant());
    this.queueEntry = new QueueEntry(facts.startedAt(), inbound.authenticatedUser(),
        offer -> mailbox.post(() -> ringAgent(offer)));
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

  private void onStart() {
    inbound.setListener(new CallLegs.CustomerLeg(this));
    if (!caller.accept(() -> ctx.media().open(this), id)) {
      finish(Disposition.FAILED, "system");
      return;
    }
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
    Character key = plan.optOutKey();
    if (key != null) {
      caller.onKey(key, () -> mailbox.post(() -> {
        if (phase == Phase.CONSENT) {
          LOG.info("call {}: the caller declined recording", id);
          plan.optedOut();
        }
      }));
    }
    short[] prompt = ctx.prompts().get(ctx.settings().tenantId(), ctx.settings().promptLanguage(), "consent");
    caller.announce(prompt, () -> mailbox.post(() -> {
      if (phase == Phase.CONSENT) {
        plan.announced();
        enqueue();
      }
    }));
  }

  private void enqueue() {
    caller.ringing();
    phase = Phase.QUEUED;
    maxWaitTimer = schedule(ctx.settings().maxWait().toMillis(), this::onMaxWait);
    ctx.acd().enqueue(queueEntry);
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
    a.release(false);
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
        ctx.acd().enqueue(queueEntry);
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
      a.accept(sdpAnswer);
    } catch (SdpException e) {
      LOG.warn("call {}: agent {} answered with unusable SDP: {}", id, a.extension(), e.getMessage());
      dropAttempt();
      requeue();
      return;
    }
    a.cancelTimer();
    a.answered = true;
    cancel(maxWaitTimer);
    caller.answer();
    bridge = ctx.media().bridge(caller.endpoint(), a.endpoint);
    sensitive.applyTo(bridge);
    answeredAt = ctx.clock().instant();
    phase = Phase.CONNECTED;
    ctx.acd().answered(a.extension());
    LOG.info("call {}: agent {} answered, bridged {} <-> {}", id, a.extension(), caller.codec(), a.codec);
    // The recording starts before CONNECTED is published, so whoever sees the call connected
    // (the dashboard, a test) also finds its recording.
    plan.answered(ctx, id, bridge, callFacts(a.extension()), new CallTraits(ctx.settings().queue(), a.extension(),
        "INBOUND", inbound.fromUser(), !ctx.records().hasCallsFrom(ctx.settings().tenantId(), inbound.fromUser())));
    publish(State.CONNECTED, a.extension());
    listenToAgentKeys(a);
  }

  /** *0 help, *1 and *2 record on demand, *7 the sensitive segment, from the agent's phone. */
  private void listenToAgentKeys(AgentAttempt a) {
    String actor = "sip:" + a.extension();
    // The observer only hands the request off, so calling it from the media loop is fine.
    a.endpoint.onDtmf(new HelpKeys(ctx.clock(), java.util.Map.of(
        '0', () -> ctx.observer().helpRequested(snapshot),
        '1', () -> mailbox.post(() -> onDemand(true, actor)),
        '2', () -> mailbox.post(() -> onDemand(false, actor)),
        '7', () -> mailbox.post(() -> sensitive(!sensitive.isOn(), actor)))));
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
      a.release(false);
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
    a.release(true);
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
    caller.hungUp();
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
    ctx.acd().remove(queueEntry);
    if (attempt != null) {
      dropAttempt();
    }
    announceNoAgents();
  }

  private void announceNoAgents() {
    phase = Phase.ANNOUNCING;
    publish(State.ANNOUNCING, null);
    short[] prompt = ctx.prompts().get(ctx.settings().promptLanguage(), "no-agents");
    caller.announce(prompt, () -> mailbox.post(() -> {
      if (phase == Phase.ANNOUNCING) {
        end(Disposition.UNANSWERED, "system");
      }
    }));
  }

  String customerReoffer(String sdp) throws SdpException {
    String answer = caller.reoffer(sdp);
    updateHold();
    return answer;
  }

  String agentReoffer(AgentAttempt a, String sdp) throws SdpException {
    String answer = a.reoffer(sdp);
    updateHold();
    return answer;
  }

  private void updateHold() {
    if (phase != Phase.CONNECTED) {
      return;
    }
    boolean hold = caller.holding()
        || (attempt != null && attempt.holding());
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
    ctx.acd().remove(queueEntry);
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
      a.release("agent".equals(endedBy));
      ctx.acd().release(a.extension(), a.answered);
    }
    caller.close();
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

package org.atalaya.core.calls;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.atalaya.core.calls.ActiveCall.State;
import org.atalaya.core.ivr.IvrFlow;
import org.atalaya.core.ivr.IvrStep.Destination;
import org.atalaya.core.recording.RecordingService.ActiveRecording;
import org.atalaya.core.recording.RecordingService.CallFacts;
import org.atalaya.core.recording.policy.CallTraits;
import org.atalaya.core.sdp.SdpException;
import org.atalaya.media.Bridge;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.sip.HangupCause;
import org.atalaya.sip.InboundCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One customer call, in phases, each with its helper: its IVR ({@link CallerIvr}) or a mailbox
 * ({@link VoicemailRecorder}); {@link CallQueueing} (notice, queue, callback offer, ringing,
 * overflow) until an agent answers, or {@link CallbackDial} calling the customer back; the bridge
 * through anchored endpoints and the stereo recording, with {@link LiveControls} (phone keys,
 * recording switches, take-over) while connected; {@link CallTransfer} hands the caller to other
 * agents on the same bridge and recording; {@link CsatSurvey} after the agent hangs up; the call
 * record at the end.
 *
 * <p>Threading: every state change runs in the call's {@link Mailbox}. SIP and media callbacks
 * only post to it; re-INVITEs, which need an answer, wait for the mailbox briefly.
 */
final class CustomerCall {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerCall.class);

  enum Phase { NEW, IVR, CONSENT, QUEUED, CALLBACK, RINGING, CONNECTED, CONSULTING, SURVEY, VOICEMAIL, ANNOUNCING,
    ENDED }

  private final CallContext ctx;
  final String id;
  private final InboundCall inbound;
  final Mailbox mailbox;
  private final CallIdentity facts;
  private volatile ActiveCall snapshot;

  // Mailbox-confined state.
  Phase phase = Phase.NEW;
  final CallerSide caller;
  private final HoldClock hold = new HoldClock();
  private CallerIvr ivr;
  /** The agent connected to the caller. */
  AgentAttempt attempt;
  Bridge bridge;
  RecordingPlan plan;
  private Instant answeredAt;
  String takenOverBy;
  final SensitiveSegment sensitive = new SensitiveSegment();
  final AgentSegments segments = new AgentSegments();
  final CallTransfer transfers;
  final CallQueueing queueing;
  final LiveControls controls;
  final MediaWatch mediaWatch;
  private CsatSurvey survey;
  private CallbackDial callbackDial;
  private VoicemailRecorder voicemail;
  private boolean recordingClosed;

  CustomerCall(CallContext ctx, String id, InboundCall inbound) {
    this.ctx = ctx;
    this.id = id;
    this.inbound = inbound;
    this.caller = new CallerSide(inbound);
    this.mailbox = new Mailbox(ctx.executor(), "call-" + id);
    this.facts = new CallIdentity(id, ctx.settings().tenantId(), inbound, ctx.clock().instant());
    this.queueing = new CallQueueing(this, ctx);
    this.transfers = new CallTransfer(this, ctx);
    this.controls = new LiveControls(this, ctx);
    this.mediaWatch = new MediaWatch(this, ctx.settings().mediaTimeout(), ctx.clock());
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
    java.util.Optional<IvrFlow> flow = ctx.ivr().forNumber(facts.tenantId(), inbound.toUser());
    if (flow.isEmpty()) {
      routeTo(null);
      return;
    }
    phase = Phase.IVR;
    publish(State.IVR, null);
    ivr = new CallerIvr(id, caller, new IvrHost(ctx, facts.tenantId(), this::schedule, mailbox::post), this::routeTo);
    ivr.start(flow.get());
  }

  /** Where the IVR (or, without one, the dialled number) sends the call; null: the default queue. */
  private void routeTo(Destination destination) {
    if (phase == Phase.ENDED) {
      return;
    }
    switch (destination) {
      case null -> queueing.toQueue(ctx.settings().queue(), null);
      case Destination.Queue q -> queueing.toQueue(q.name(), null);
      case Destination.Agent a -> queueing.toQueue(ctx.settings().queue(), a.extension());
      case Destination.Hangup h -> end(Disposition.IVR, "system");
      case Destination.Voicemail v -> {
        voicemail = new VoicemailRecorder(this, ctx, v.box(), false);
        voicemail.start();
      }
      case Destination.Flow f -> queueing.toQueue(ctx.settings().queue(), null); // CallerIvr follows flows itself
    }
  }

  /**
   * A queued caller nobody can take leaves a message in the queue's mailbox ({@code box}, the
   * queue's name): it stays a call of that queue, unanswered, for the KPIs.
   */
  void toVoicemail(String box) {
    voicemail = new VoicemailRecorder(this, ctx, box, true);
    voicemail.start();
  }

  void agentAnswered(AgentAttempt a, String sdpAnswer) {
    if (transfers.agentAnswered(a, sdpAnswer)) {
      return;
    }
    if (!queueing.isRinging(a)) {
      // Answered after we gave up on it (timeout, caller gone): the leg is hung up already
      // or is being; hanging up again is a no-op.
      a.leg.hangup();
      return;
    }
    try {
      a.accept(sdpAnswer);
    } catch (SdpException e) {
      LOG.warn("call {}: agent {} answered with unusable SDP: {}", id, a.extension(), e.getMessage());
      queueing.unusableAnswer(a);
      return;
    }
    queueing.answered(a);
    attempt = a;
    a.answered = true;
    caller.onKeys(null); // the caller's keys now go to the agent, relayed, not to us
    caller.stopMusic(); // a prompt would otherwise keep replacing what the bridge sends the caller
    if (queueing.isCallback()) {
      ctx.acd().answered(a.extension());
      caller.close(); // if it is still on the line hearing the confirmation
      callbackDial = new CallbackDial(this, ctx);
      callbackDial.start(a, inbound.contactUri(), inbound.transport());
      return;
    }
    if (bridge != null) {
      // A blind transfer's new agent: the same bridge and recording, another agent side.
      connectAgent(a);
      LOG.info("call {}: transferred to agent {}", id, a.extension());
      return;
    }
    caller.answer();
    ctx.acd().answered(a.extension());
    LOG.info("call {}: agent {} answered, bridged {} <-> {}", id, a.extension(), caller.codec(), a.codec);
    connectFirst(caller.endpoint(), a);
  }

  /** The caller and its first agent are bridged and the recording starts. */
  void connectFirst(RtpEndpoint customer, AgentAttempt a) {
    bridge = ctx.media().bridge(customer, a.endpoint);
    sensitive.applyTo(bridge);
    answeredAt = ctx.clock().instant();
    phase = Phase.CONNECTED;
    // The recording starts before CONNECTED is published, so whoever sees the call connected
    // (the dashboard, a test) also finds its recording.
    plan.answered(ctx, id, bridge, callFacts(a.extension()), new CallTraits(queueing.queue(), a.extension(),
        "INBOUND", inbound.fromUser(), !ctx.records().hasCallsFrom(ctx.settings().tenantId(), inbound.fromUser())));
    segments.start(a.extension(), answeredAt);
    publish(State.CONNECTED, a.extension());
    controls.listenToAgentKeys(a);
  }

  /** Puts {@code a} on the caller's bridge, after a transfer: the music stops, the recording goes on. */
  void connectAgent(AgentAttempt a) {
    attempt = a;
    phase = Phase.CONNECTED;
    caller.stopMusic();
    bridge.switchAgent(a.endpoint);
    segments.start(a.extension(), ctx.clock().instant());
    ctx.acd().answered(a.extension());
    publish(State.CONNECTED, a.extension());
    controls.listenToAgentKeys(a);
  }

  // What CallTransfer needs of the call (mailbox).

  boolean connected() {
    return phase == Phase.CONNECTED;
  }

  String queue() {
    return queueing.queue();
  }

  String authenticatedCaller() {
    return inbound.authenticatedUser();
  }

  boolean wasAnswered() {
    return answeredAt != null;
  }

  String callerNumber() {
    return inbound.fromUser();
  }

  String callerName() {
    return inbound.fromDisplayName();
  }

  /** The number the caller dialled: what a callback shows as its caller id. */
  String dialledNumber() {
    return inbound.toUser();
  }

  /** Music while an answered caller waits for an agent (after an IVR, a callback offer or a transfer). */
  void holdMusic() {
    caller.playMusic(ctx.prompts().get(ctx.settings().tenantId(), ctx.settings().promptLanguage(), "hold-music"),
        mailbox, () -> (answeredAt != null || caller.isAnswered())
            && (phase == Phase.QUEUED || phase == Phase.RINGING || phase == Phase.CONSULTING));
  }

  CallFacts callFacts(String agent) {
    return new CallFacts(ctx.settings().tenantId(), id, inbound.fromUser(), inbound.toUser(), agent);
  }

  void endBy(String who) {
    end(answeredAt != null ? Disposition.ANSWERED : Disposition.FAILED, who);
  }

  void agentFailed(AgentAttempt a, int status, String reason) {
    if (!transfers.agentFailed(a, status)) {
      queueing.agentFailed(a, status, reason);
    }
  }

  void agentHungUp(AgentAttempt a, HangupCause cause) {
    if (transfers.agentHungUp(a, cause)) {
      return;
    }
    if (a == attempt && callbackDial != null && phase != Phase.CONNECTED) {
      LOG.info("call {}: agent {} hung up before the customer answered the callback", id, a.extension());
      end(Disposition.UNANSWERED, "agent");
    } else if (a == attempt && phase == Phase.CONNECTED) {
      if (ctx.acd().queue(queueing.queue()).csatSurvey()) {
        survey = new CsatSurvey(this, ctx);
        survey.start(a);
      } else {
        end(Disposition.ANSWERED, "agent");
      }
    } else if (queueing.ringingAgent(a)) {
      queueing.agentFailed(a, 408, cause.name());
    }
  }

  void customerHungUp(HangupCause cause) {
    if (phase == Phase.ENDED) {
      return;
    }
    caller.hungUp();
    if (queueing.isCallback()) {
      return; // the first leg of a callback: the caller waits to be called back, without it
    }
    if (phase == Phase.VOICEMAIL) {
      voicemail.finish(false);
      return;
    }
    Disposition d = answeredAt != null ? Disposition.ANSWERED
        : phase == Phase.IVR ? Disposition.IVR
        : phase == Phase.ANNOUNCING ? Disposition.UNANSWERED : Disposition.ABANDONED;
    LOG.info("call {}: customer hung up ({})", id, cause);
    end(d, phase == Phase.SURVEY ? "agent" : "customer"); // in the survey, the agent had ended the talk
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

  void updateHold() {
    if (phase != Phase.CONNECTED) {
      return;
    }
    boolean holding = (callbackDial != null ? callbackDial.holding() : caller.holding())
        || (attempt != null && attempt.holding());
    if (hold.set(holding, ctx.clock().instant())) {
      LOG.info("call {}: {}", id, holding ? "on hold" : "resumed");
      publish(holding ? State.ON_HOLD : State.CONNECTED, attempt == null ? null : attempt.extension());
    }
  }

  /** Ends the call from any phase: releases legs, ports, agent and recording; writes the CDR. */
  void end(Disposition disposition, String endedBy) {
    if (phase == Phase.ENDED) {
      return;
    }
    phase = Phase.ENDED;
    if (ivr != null) {
      ivr.stop();
    }
    queueing.stop();
    transfers.release();
    if (survey != null) {
      survey.stop();
    }
    if (callbackDial != null) {
      callbackDial.release();
    }
    if (voicemail != null) {
      voicemail.release();
    }
    segments.end(ctx.clock().instant(), "end");
    closeRecording();
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

  void closeRecording() {
    ActiveRecording recording = plan == null ? null : plan.recording();
    if (recording != null && !recordingClosed) {
      recordingClosed = true;
      plan.closeGaps();
      sensitive.close(recording);
      recording.finish();
    }
  }

  private void finish(Disposition disposition, String endedBy) {
    phase = Phase.ENDED;
    Instant now = ctx.clock().instant();
    ActiveCall last = snapshot;
    java.util.List<AgentSegment> handled = segments.all();
    String agent = answeredAt == null ? null : handled.isEmpty() ? last.agentExtension() : handled.getFirst().agentExtension();
    CallRecord record = facts.record(voicemail != null ? voicemail.box() : queueing.queue(), agent, answeredAt, now,
        disposition, endedBy, plan == null || plan.recording() == null ? null : plan.recording().id(),
        plan == null ? null : plan.consent(), queueing.queuedAt(), hold.total(now).toSeconds(), handled, segments.transfers(),
        survey == null ? null : survey.score(), queueing.isCallback());
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

  void publish(State state, String agent) {
    snapshot = facts.snapshot(queueing.queue(), state, agent, answeredAt, sensitive.isOn());
    ctx.observer().changed(snapshot);
  }

  ScheduledFuture<?> schedule(long millis, Runnable task) {
    return ctx.timers().schedule(() -> mailbox.post(task), millis, TimeUnit.MILLISECONDS);
  }

  static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}

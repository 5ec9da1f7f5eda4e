package org.atalaya.core.calls;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.atalaya.core.calls.ActiveCall.State;
import org.atalaya.core.ivr.IvrStep.Destination;
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

  private enum Phase { NEW, IVR, CONSENT, QUEUED, RINGING, CONNECTED, CONSULTING, ANNOUNCING, ENDED }
  /** Overflow hops before the caller hears the no-agents message (queues overflowing in a circle). */
  private static final int MAX_OVERFLOWS = 5;

  private final CallContext ctx;
  final String id;
  private final InboundCall inbound;
  final Mailbox mailbox;
  private final CallIdentity facts;
  private QueueEntry queueEntry; // from the first time the call enters a queue
  private volatile ActiveCall snapshot;

  // Mailbox-confined state.
  private Phase phase = Phase.NEW;
  private final CallerSide caller;
  private boolean onHold;
  private Instant holdStart;
  private java.time.Duration held = java.time.Duration.ZERO;
  private String queue;
  private String targetAgent;
  private Instant queuedAt;
  private int overflows;
  private CallerIvr ivr;
  /** The agents ringing now: one, or several for ring-all. */
  private final java.util.List<AgentAttempt> ringing = new java.util.ArrayList<>();
  /** The agent connected to the caller. */
  private AgentAttempt attempt;
  private Bridge bridge;
  private RecordingPlan plan;
  private Instant answeredAt;
  private ScheduledFuture<?> maxWaitTimer;
  private String takenOverBy;
  private final SensitiveSegment sensitive = new SensitiveSegment();
  private final AgentSegments segments = new AgentSegments();
  /** An attended transfer's consultation, while one is in progress. */
  private Consultation consult;

  CustomerCall(CallContext ctx, String id, InboundCall inbound) {
    this.ctx = ctx;
    this.id = id;
    this.inbound = inbound;
    this.caller = new CallerSide(inbound);
    this.mailbox = new Mailbox(ctx.executor(), "call-" + id);
    this.facts = new CallIdentity(id, ctx.settings().tenantId(), inbound, ctx.clock().instant());
    this.queue = ctx.settings().queue();
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
    java.util.Optional<org.atalaya.core.ivr.IvrFlow> flow = ctx.ivr().forNumber(facts.tenantId(), inbound.toUser());
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
      case null -> toQueue(ctx.settings().queue(), null);
      case Destination.Queue q -> toQueue(q.name(), null);
      case Destination.Agent a -> toQueue(ctx.settings().queue(), a.extension());
      case Destination.Hangup h -> end(Disposition.IVR, "system");
      case Destination.Voicemail v -> {
        // Voicemail boxes are not built yet: the caller hears that nobody can take the call.
        LOG.info("call {}: voicemail box {} requested; not available", id, v.box());
        announceNoAgents();
      }
      case Destination.Flow f -> toQueue(ctx.settings().queue(), null); // CallerIvr follows flows itself
    }
  }

  private void toQueue(String name, String agent) {
    queue = name;
    targetAgent = agent;
    if (agent == null && ctx.acd().servingAgents(name) == 0) {
      LOG.info("call {}: nobody serves queue {}", id, name);
      overflowOrGiveUp();
      return;
    }
    if (plan.announces(name)) {
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
    caller.onKeys(null);
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
    publish(State.QUEUED, null);
    holdMusic();
    if (queueEntry == null) {
      queuedAt = ctx.clock().instant();
      queueEntry = new QueueEntry(queuedAt, queue, targetAgent, inbound.authenticatedUser(),
          offers -> mailbox.post(() -> ringAgents(offers)));
    }
    maxWaitTimer = schedule(ctx.acd().queue(queue).maxWait().toMillis(), this::onMaxWait);
    ctx.acd().enqueue(queueEntry);
  }

  private void ringAgents(java.util.List<Offer> offers) {
    for (Offer offer : offers) {
      if (phase != Phase.QUEUED && phase != Phase.RINGING) {
        ctx.acd().release(offer.extension(), false);
        continue;
      }
      RtpEndpoint endpoint;
      try {
        endpoint = ctx.media().open(this);
      } catch (IOException e) {
        LOG.error("call {}: no media port for agent {}", id, offer.extension(), e);
        ctx.acd().release(offer.extension(), false);
        continue;
      }
      AgentAttempt a = new AgentAttempt(offer, endpoint, Negotiation.newSessionId());
      ringing.add(a);
      phase = Phase.RINGING;
      LOG.info("call {}: ringing agent {} ({})", id, offer.extension(), queue);
      a.leg = ctx.sip().dial(a.dialRequest(inbound.fromUser(), inbound.fromDisplayName()), new CallLegs.AgentLeg(this, a));
      a.ringTimer = schedule(ctx.settings().ringTimeout().toMillis(), () -> onRingTimeout(a));
    }
    if (phase == Phase.RINGING && !ringing.isEmpty()) {
      publish(State.RINGING, ringing.getFirst().extension());
    } else if (phase == Phase.QUEUED) {
      requeue();
    }
  }

  private void onRingTimeout(AgentAttempt a) {
    if (!ringing.contains(a) || phase != Phase.RINGING) {
      return;
    }
    LOG.info("call {}: agent {} did not answer in {}", id, a.extension(), ctx.settings().ringTimeout());
    drop(a);
    if (ringing.isEmpty()) {
      requeue();
    }
  }

  /** Stops ringing one agent: its leg is cancelled and it is free again, first in line still. */
  private void drop(AgentAttempt a) {
    ringing.remove(a);
    a.release(false);
    ctx.acd().release(a.extension(), false);
  }

  private void dropAllRinging() {
    for (AgentAttempt a : java.util.List.copyOf(ringing)) {
      drop(a);
    }
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
    if (consult != null && consult.target == a) {
      consultationAnswered(a, sdpAnswer);
      return;
    }
    if (!ringing.contains(a) || phase != Phase.RINGING) {
      // Answered after we gave up on it (timeout, caller gone): the leg is hung up already
      // or is being; hanging up again is a no-op.
      a.leg.hangup();
      return;
    }
    try {
      a.accept(sdpAnswer);
    } catch (SdpException e) {
      LOG.warn("call {}: agent {} answered with unusable SDP: {}", id, a.extension(), e.getMessage());
      drop(a);
      if (ringing.isEmpty()) {
        requeue();
      }
      return;
    }
    ringing.remove(a);
    dropAllRinging(); // ring-all: the others stop ringing
    attempt = a;
    a.cancelTimer();
    a.answered = true;
    cancel(maxWaitTimer);
    caller.onKeys(null); // the caller's keys now go to the agent, relayed, not to us
    if (bridge != null) {
      // A blind transfer's new agent: the same bridge and recording, another agent side.
      connectAgent(a);
      LOG.info("call {}: transferred to agent {}", id, a.extension());
      return;
    }
    caller.answer();
    bridge = ctx.media().bridge(caller.endpoint(), a.endpoint);
    sensitive.applyTo(bridge);
    answeredAt = ctx.clock().instant();
    phase = Phase.CONNECTED;
    ctx.acd().answered(a.extension());
    LOG.info("call {}: agent {} answered, bridged {} <-> {}", id, a.extension(), caller.codec(), a.codec);
    // The recording starts before CONNECTED is published, so whoever sees the call connected
    // (the dashboard, a test) also finds its recording.
    plan.answered(ctx, id, bridge, callFacts(a.extension()), new CallTraits(queue, a.extension(),
        "INBOUND", inbound.fromUser(), !ctx.records().hasCallsFrom(ctx.settings().tenantId(), inbound.fromUser())));
    segments.start(a.extension(), answeredAt);
    publish(State.CONNECTED, a.extension());
    listenToAgentKeys(a);
  }

  /** Puts {@code a} on the caller's bridge, after a transfer: the music stops, the recording goes on. */
  private void connectAgent(AgentAttempt a) {
    attempt = a;
    phase = Phase.CONNECTED;
    stopMusic();
    bridge.switchAgent(a.endpoint);
    segments.start(a.extension(), ctx.clock().instant());
    ctx.acd().answered(a.extension());
    publish(State.CONNECTED, a.extension());
    listenToAgentKeys(a);
  }

  // Transfers (mailbox).

  /** Web and API: blind or attended transfer of the connected caller; the new snapshot. */
  ActiveCall transfer(TransferTarget target, boolean attended, String actor) {
    AgentAttempt from = connectedAgent();
    if (attended) {
      if (!(target instanceof TransferTarget.Agent agent)) {
        throw new IllegalArgumentException("an attended transfer goes to an agent, not to a queue");
      }
      checkTarget(target, from, true);
      startConsultation(from, agent.extension());
    } else {
      checkTarget(target, from, false);
      blindTransfer(from, target, false, actor);
    }
    return snapshot;
  }

  /**
   * The agent's phone sent a REFER: a blind transfer, answered with the SIP status. The phone
   * hangs up itself once told the transfer was accepted (RFC 5589); in case it does not, its leg
   * is ended a little later.
   */
  int referred(AgentAttempt a, String referTo) {
    if (a != attempt || phase != Phase.CONNECTED) {
      return 481; // Call/Transaction Does Not Exist: not the connected agent's dialog
    }
    TransferTarget target;
    try {
      target = resolve(referTo);
      checkTarget(target, a, false);
    } catch (IllegalArgumentException e) {
      LOG.info("call {}: REFER to {} refused: {}", id, referTo, e.getMessage());
      return 404;
    } catch (IllegalStateException e) {
      LOG.info("call {}: REFER to {} refused: {}", id, referTo, e.getMessage());
      return 480;
    }
    blindTransfer(a, target, true, "sip:" + a.extension());
    schedule(REFER_BYE_GRACE_MS, () -> a.leg.hangup());
    return 202;
  }

  private static final long REFER_BYE_GRACE_MS = 10_000;

  /** A REFER's target: an agent the ACD knows by that extension, else a queue by that name. */
  private TransferTarget resolve(String user) {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("the REFER names nobody");
    }
    if (ctx.acd().agent(user).isPresent()) {
      return new TransferTarget.Agent(user);
    }
    return TransferTarget.parse(user.matches("\\d{1,8}") ? "agent:" + user : "queue:" + user);
  }

  private AgentAttempt connectedAgent() {
    if (phase == Phase.CONSULTING) {
      throw new IllegalStateException("a transfer is already in progress");
    }
    if (phase != Phase.CONNECTED || attempt == null) {
      throw new IllegalStateException(takenOverBy != null ? "the call was taken over by a supervisor"
          : "the call is not connected to an agent");
    }
    return attempt;
  }

  /** Refuses a target that cannot take the call now, before the caller is moved anywhere. */
  private void checkTarget(TransferTarget target, AgentAttempt from, boolean now) {
    switch (target) {
      case TransferTarget.Agent a -> {
        if (a.extension().equals(from.extension())) {
          throw new IllegalArgumentException("agent " + a.extension() + " already has the call");
        }
        var status = ctx.acd().agent(a.extension())
            .orElseThrow(() -> new IllegalArgumentException("agent " + a.extension() + " is not registered"));
        switch (status.state()) {
          case LOGGED_OUT, OFFLINE -> throw new IllegalStateException("agent " + a.extension() + " is not logged in");
          case AVAILABLE -> { }
          default -> {
            if (now) {
              throw new IllegalStateException("agent " + a.extension() + " is not free (" + status.state() + ")");
            }
          }
        }
      }
      case TransferTarget.Queue q -> {
        boolean known = q.name().equals(ctx.settings().queue())
            || ctx.acd().queues().stream().anyMatch(c -> c.name().equals(q.name()));
        if (!known) {
          throw new IllegalArgumentException("there is no queue " + q.name());
        }
        if (ctx.acd().servingAgents(q.name()) == 0) {
          throw new IllegalStateException("nobody serves queue " + q.name() + " now");
        }
      }
    }
  }

  /** The agent leaves now; the caller waits with music in the target's queue or for the agent. */
  private void blindTransfer(AgentAttempt from, TransferTarget target, boolean phoneHangsUp, String actor) {
    leave(from, "transfer", phoneHangsUp);
    LOG.info("call {}: {} transfers to {}", id, actor, target);
    switch (target) {
      case TransferTarget.Agent a -> queueEntry.transferTo(queue, a.extension(), from.extension());
      case TransferTarget.Queue q -> queueEntry.transferTo(q.name(), null, from.extension());
    }
    queue = queueEntry.queue();
    targetAgent = queueEntry.targetAgent();
    enqueue();
  }

  /** An agent leaves the caller for good: the bridge's agent side empties, the agent wraps up. */
  private void leave(AgentAttempt from, String how, boolean legGone) {
    segments.end(ctx.clock().instant(), how);
    attempt = null;
    bridge.switchAgent(null);
    from.release(legGone);
    ctx.acd().release(from.extension(), true);
  }

  private void startConsultation(AgentAttempt from, String extension) {
    bridge.switchAgent(null);
    consult = new Consultation(from, extension);
    phase = Phase.CONSULTING;
    publish(State.TRANSFERRING, from.extension());
    holdMusic();
    consult.entry = new QueueEntry(ctx.clock().instant(), queue, extension, from.extension(),
        offers -> mailbox.post(() -> ringConsultation(offers)));
    ctx.acd().enqueue(consult.entry);
    LOG.info("call {}: agent {} consults agent {}", id, from.extension(), extension);
  }

  private void ringConsultation(java.util.List<Offer> offers) {
    Consultation c = consult;
    for (Offer offer : offers) {
      if (c == null || c.target != null || !offer.extension().equals(c.targetExtension)) {
        ctx.acd().release(offer.extension(), false);
        continue;
      }
      RtpEndpoint endpoint;
      try {
        endpoint = ctx.media().open(this);
      } catch (IOException e) {
        ctx.acd().release(offer.extension(), false);
        endConsultation("no media port");
        return;
      }
      c.target = new AgentAttempt(offer, endpoint, Negotiation.newSessionId());
      c.target.leg = ctx.sip().dial(c.target.dialRequest(inbound.fromUser(), inbound.fromDisplayName()),
          new CallLegs.AgentLeg(this, c.target));
      c.ringTimer = schedule(ctx.settings().ringTimeout().toMillis(), () -> {
        if (consult == c && !c.answered()) {
          endConsultation("no answer");
        }
      });
    }
  }

  private void consultationAnswered(AgentAttempt a, String sdpAnswer) {
    try {
      a.accept(sdpAnswer);
    } catch (SdpException e) {
      endConsultation("unusable SDP: " + e.getMessage());
      return;
    }
    a.answered = true;
    cancel(consult.ringTimer);
    ctx.acd().answered(a.extension());
    consult.bridge = ctx.media().bridge(consult.from.endpoint, a.endpoint);
    LOG.info("call {}: agent {} answered the consultation", id, a.extension());
  }

  /** The consulted agent takes the caller. */
  ActiveCall completeTransfer(String actor) {
    if (consult == null || !consult.answered()) {
      throw new IllegalStateException(consult == null ? "no transfer is in progress"
          : "agent " + consult.targetExtension + " has not answered yet");
    }
    Consultation c = consult;
    consult = null;
    c.bridge.close();
    leave(c.from, "attended-transfer", false);
    LOG.info("call {}: {} completes the transfer to {}", id, actor, c.targetExtension);
    connectAgent(c.target);
    return snapshot;
  }

  /** Web: the consultation ends and the caller is back with the first agent. */
  ActiveCall cancelTransfer(String actor) {
    if (consult == null) {
      throw new IllegalStateException("no transfer is in progress");
    }
    endConsultation("cancelled by " + actor);
    return snapshot;
  }

  /** The consultation ends without a transfer: the target goes, the first agent has the caller again. */
  private void endConsultation(String why) {
    Consultation c = consult;
    releaseConsultation();
    LOG.info("call {}: consultation with {} ended: {}", id, c.targetExtension, why);
    if (phase == Phase.CONSULTING) {
      attempt = c.from;
      phase = Phase.CONNECTED;
      stopMusic();
      bridge.switchAgent(c.from.endpoint);
      publish(State.CONNECTED, c.from.extension());
    }
  }

  /** Releases the consultation's target, bridge and ACD entry; the first agent is untouched. */
  private void releaseConsultation() {
    Consultation c = consult;
    if (c == null) {
      return;
    }
    consult = null;
    cancel(c.ringTimer);
    ctx.acd().remove(c.entry);
    if (c.bridge != null) {
      c.bridge.close();
    }
    if (c.target != null) {
      c.target.release(false);
      ctx.acd().release(c.target.extension(), c.target.answered);
    }
  }

  /**
   * Music while an answered caller waits for an agent (a transfer), replayed until it ends. The
   * generation keeps a replaced or stopped playout (whose end callback still runs) from starting
   * a second loop.
   */
  private void holdMusic() {
    int generation = ++musicGeneration;
    if (answeredAt == null || (phase != Phase.QUEUED && phase != Phase.RINGING && phase != Phase.CONSULTING)) {
      return;
    }
    caller.announce(ctx.prompts().get(ctx.settings().tenantId(), ctx.settings().promptLanguage(), "hold-music"),
        () -> mailbox.post(() -> {
          if (generation == musicGeneration) {
            holdMusic();
          }
        }));
  }

  private int musicGeneration;

  private void stopMusic() {
    musicGeneration++;
    caller.stopPrompt();
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
      segments.end(ctx.clock().instant(), "take-over");
      LOG.info("call {}: taken over by {}, agent {} released", id, supervisor, a.extension());
    }
  }

  void endBy(String who) {
    end(answeredAt != null ? Disposition.ANSWERED : Disposition.FAILED, who);
  }

  void agentFailed(AgentAttempt a, int status, String reason) {
    if (consult != null && consult.target == a) {
      consult.target.release(true);
      ctx.acd().release(a.extension(), false);
      consult.target = null;
      endConsultation("agent " + a.extension() + " declined: " + status);
      return;
    }
    if (!ringing.contains(a)) {
      return;
    }
    LOG.info("call {}: agent {} declined: {} {}", id, a.extension(), status, reason);
    ringing.remove(a);
    a.release(true);
    ctx.acd().release(a.extension(), false);
    if (phase == Phase.RINGING && ringing.isEmpty()) {
      requeue();
    }
  }

  void agentHungUp(AgentAttempt a, HangupCause cause) {
    if (consult != null && consult.target == a) {
      if (a.answered) {
        a.endpoint.close();
        ctx.acd().release(a.extension(), true);
        consult.target = null;
        endConsultation("agent " + a.extension() + " hung up");
      } else {
        agentFailed(a, 487, cause.name());
      }
    } else if (consult != null && consult.from == a) {
      // The transferring agent hung up: as on a PBX, that hands the caller to whom it consulted.
      if (consult.answered()) {
        completeTransfer("sip:" + a.extension());
      } else {
        String target = consult.targetExtension;
        releaseConsultation();
        phase = Phase.CONNECTED;
        attempt = a;
        blindTransfer(a, new TransferTarget.Agent(target), true, "sip:" + a.extension());
      }
    } else if (a == attempt && phase == Phase.CONNECTED) {
      end(Disposition.ANSWERED, "agent");
    } else if (ringing.contains(a)) {
      agentFailed(a, 408, cause.name());
    }
  }

  void customerHungUp(HangupCause cause) {
    if (phase == Phase.ENDED) {
      return;
    }
    caller.hungUp();
    Disposition d = answeredAt != null ? Disposition.ANSWERED
        : phase == Phase.IVR ? Disposition.IVR
        : phase == Phase.ANNOUNCING ? Disposition.UNANSWERED : Disposition.ABANDONED;
    LOG.info("call {}: customer hung up ({})", id, cause);
    end(d, "customer");
  }

  private void onMaxWait() {
    if (phase != Phase.QUEUED && phase != Phase.RINGING) {
      return;
    }
    LOG.info("call {}: no agent answered in queue {} within {}", id, queue, ctx.acd().queue(queue).maxWait());
    ctx.acd().remove(queueEntry);
    dropAllRinging();
    overflowOrGiveUp();
  }

  /** The queue's overflow, if it has one; else the no-agents message. */
  private void overflowOrGiveUp() {
    String next = ctx.acd().queue(queue).overflow();
    if (next == null || overflows >= MAX_OVERFLOWS) {
      announceNoAgents();
      return;
    }
    overflows++;
    LOG.info("call {}: overflows from {} to {}", id, queue, next);
    queue = next;
    targetAgent = null;
    if (queueEntry != null) {
      queueEntry.moveTo(next);
    }
    if (ctx.acd().servingAgents(next) == 0) {
      overflowOrGiveUp();
      return;
    }
    enqueue();
  }

  private void announceNoAgents() {
    phase = Phase.ANNOUNCING;
    publish(State.ANNOUNCING, null);
    short[] prompt = ctx.prompts().get(ctx.settings().promptLanguage(), "no-agents");
    caller.announce(prompt, () -> mailbox.post(() -> {
      if (phase == Phase.ANNOUNCING) {
        end(answeredAt != null ? Disposition.ANSWERED : Disposition.UNANSWERED, "system");
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
      Instant now = ctx.clock().instant();
      if (hold) {
        holdStart = now;
      } else {
        held = held.plus(java.time.Duration.between(holdStart, now));
      }
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
    if (ivr != null) {
      ivr.stop();
    }
    if (queueEntry != null) {
      ctx.acd().remove(queueEntry);
    }
    releaseConsultation();
    segments.end(ctx.clock().instant(), "end");
    if (onHold) {
      held = held.plus(java.time.Duration.between(holdStart, ctx.clock().instant()));
    }
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
    dropAllRinging();
    caller.close();
    finish(disposition, endedBy);
  }

  private void finish(Disposition disposition, String endedBy) {
    phase = Phase.ENDED;
    Instant now = ctx.clock().instant();
    ActiveCall last = snapshot;
    java.util.List<AgentSegment> handled = segments.all();
    String agent = answeredAt == null ? null : handled.isEmpty() ? last.agentExtension() : handled.getFirst().agentExtension();
    CallRecord record = facts.record(queue, agent, answeredAt, now,
        disposition, endedBy, plan == null || plan.recording() == null ? null : plan.recording().id(),
        plan == null ? null : plan.consent(), queuedAt, held.toSeconds(), handled, segments.transfers());
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
    snapshot = facts.snapshot(queue, state, agent, answeredAt, sensitive.isOn());
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

package org.atalaya.core.calls;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.atalaya.core.calls.ActiveCall.State;
import org.atalaya.core.calls.CustomerCall.Phase;
import org.atalaya.core.routing.Offer;
import org.atalaya.core.routing.QueueConfig;
import org.atalaya.core.sdp.Negotiation;
import org.atalaya.media.RtpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link CustomerCall} from the moment it is routed to a queue until an agent answers: the
 * recording notice, the wait in the ACD, ringing the agents it offers (one, or all for ring-all),
 * max wait and overflow, and the no-agents message. A transferred call comes back here to wait
 * for its next agent.
 *
 * <p>Threading: confined to the call's mailbox, like the call it belongs to.
 */
final class CallQueueing {
  private static final Logger LOG = LoggerFactory.getLogger(CallQueueing.class);
  /** Overflow hops before the caller hears the no-agents message (queues overflowing in a circle). */
  private static final int MAX_OVERFLOWS = 5;
  /**
   * Back in the queue after an agent did not take the call. The pause keeps a phone that
   * rejects at once (do-not-disturb, busy) from being rung in a tight loop, as Asterisk's queue
   * "retry" does.
   */
  private static final long RETRY_PAUSE_MS = 1000;

  private final CustomerCall call;
  private final CallContext ctx;
  private String queue;
  private String targetAgent;
  private Instant queuedAt;
  private QueueEntry entry; // from the first time the call enters a queue
  private int overflows;
  private ScheduledFuture<?> maxWaitTimer;
  /** The callback offer and the place and wait announcements. */
  private final WaitingPrompts prompts;
  /** The agents ringing now: one, or several for ring-all. */
  private final List<AgentAttempt> ringing = new ArrayList<>();
  /** The caller chose to be called back: it hung up and waits in the ACD without a leg. */
  private boolean callback;

  CallQueueing(CustomerCall call, CallContext ctx) {
    this.call = call;
    this.ctx = ctx;
    this.queue = ctx.settings().queue();
    this.prompts = new WaitingPrompts(call, ctx);
  }

  String queue() {
    return queue;
  }

  /** When the call first entered a queue, or null if it never did. */
  Instant queuedAt() {
    return queuedAt;
  }

  /** Where the IVR sends the caller (or, without one, the default queue); {@code agent} for "go to agent". */
  void toQueue(String name, String agent) {
    queue = name;
    targetAgent = agent;
    if (agent == null && ctx.acd().servingAgents(name) == 0) {
      LOG.info("call {}: nobody serves queue {}", call.id, name);
      if (queuedAt == null) {
        queuedAt = ctx.clock().instant(); // offered to the queue, which could not take it
      }
      overflowOrGiveUp();
      return;
    }
    noticeThenEnqueue();
  }

  /**
   * The recording notice first if this queue's calls may be recorded and the caller has not heard
   * it yet (it may have reached this queue by overflow from one that is not recorded).
   */
  private void noticeThenEnqueue() {
    if (call.plan.announces(queue) && !call.plan.noticeGiven()) {
      announceConsent();
    } else {
      enqueue();
    }
  }

  /**
   * The recording notice, before any agent is rung; the caller may decline with the opt-out key
   * while it plays. The caller is answered for it (as every IVR does).
   */
  private void announceConsent() {
    call.phase = Phase.CONSENT;
    call.caller.onKeys(null);
    call.publish(State.ANNOUNCING, null);
    Character key = call.plan.optOutKey();
    if (key != null) {
      call.caller.onKey(key, () -> call.mailbox.post(() -> {
        if (call.phase == Phase.CONSENT) {
          LOG.info("call {}: the caller declined recording", call.id);
          call.plan.optedOut();
        }
      }));
    }
    short[] prompt = ctx.prompts().get(ctx.settings().tenantId(), ctx.settings().promptLanguage(), "consent");
    call.caller.announce(prompt, () -> call.mailbox.post(() -> {
      if (call.phase == Phase.CONSENT) {
        call.plan.announced();
        enqueue();
      }
    }));
  }

  /**
   * A blind transfer: the caller waits again, in {@code queueName} (null: the current queue) or
   * for {@code agent}, never offered back to {@code fromAgent}, hearing music.
   */
  void waitAgain(String queueName, String agent, String fromAgent) {
    entry.transferTo(queueName != null ? queueName : queue, agent, fromAgent);
    queue = entry.queue();
    targetAgent = agent;
    enqueue();
  }

  /** Whether the caller chose to be called back. */
  boolean isCallback() {
    return callback;
  }

  private void enqueue() {
    call.caller.ringing();
    call.phase = Phase.QUEUED;
    call.publish(State.QUEUED, null);
    QueueConfig q = ctx.acd().queue(queue);
    Character key = q.callbackKey();
    if (key != null && !callback && !call.wasAnswered()) {
      prompts.offerCallback(key, this::callbackChosen);
    } else {
      call.holdMusic();
    }
    if (entry == null) {
      if (queuedAt == null) {
        queuedAt = ctx.clock().instant();
      }
      entry = new QueueEntry(call.id, queuedAt, queue, targetAgent, call.authenticatedCaller(),
          offers -> call.mailbox.post(() -> ring(offers)));
    }
    maxWaitTimer = call.schedule(q.maxWait().toMillis(), this::onMaxWait);
    prompts.announceWaitFrom(q, entry);
    ctx.acd().enqueue(entry);
  }

  /**
   * The caller pressed the callback key: it hears the confirmation and is hung up, and its entry
   * stays in the ACD with its first entry time, so its place in the queue is kept. It no longer
   * has a max wait: it waits for an agent, however long.
   */
  private void callbackChosen() {
    if (callback || call.phase != Phase.QUEUED) {
      return; // already a callback, or an agent's phone is ringing for the caller right now
    }
    callback = true;
    CustomerCall.cancel(maxWaitTimer);
    prompts.stop();
    call.caller.onKeys(null);
    call.phase = Phase.CALLBACK;
    call.publish(State.CALLBACK, null);
    LOG.info("call {}: the caller chose to be called back; keeps its place in {}", call.id, queue);
    call.caller.stopMusic();
    call.caller.announce(prompts.prompt("callback-confirm"), () -> call.mailbox.post(() -> {
      if (call.phase == Phase.CALLBACK) {
        call.caller.close(); // its first leg ends; its place in the queue stays
      }
    }));
  }

  private void ring(List<Offer> offers) {
    for (Offer offer : offers) {
      if (call.phase != Phase.QUEUED && call.phase != Phase.RINGING && call.phase != Phase.CALLBACK) {
        ctx.acd().release(offer.extension(), false);
        continue;
      }
      RtpEndpoint endpoint;
      try {
        endpoint = ctx.media().open(call);
      } catch (IOException e) {
        LOG.error("call {}: no media port for agent {}", call.id, offer.extension(), e);
        ctx.acd().release(offer.extension(), false);
        continue;
      }
      AgentAttempt a = new AgentAttempt(offer, endpoint, Negotiation.newSessionId());
      ringing.add(a);
      call.phase = Phase.RINGING;
      LOG.info("call {}: ringing agent {} ({})", call.id, offer.extension(), queue);
      a.leg = ctx.sip().dial(a.dialRequest(call.callerNumber(), call.callerName()), new CallLegs.AgentLeg(call, a));
      a.ringTimer = call.schedule(ctx.settings().ringTimeout().toMillis(), () -> onRingTimeout(a));
    }
    if (call.phase == Phase.RINGING && !ringing.isEmpty()) {
      call.publish(State.RINGING, ringing.getFirst().extension());
    } else if (call.phase == Phase.QUEUED) {
      requeue();
    }
  }

  private void onRingTimeout(AgentAttempt a) {
    if (!ringing.contains(a) || call.phase != Phase.RINGING) {
      return;
    }
    LOG.info("call {}: agent {} did not answer in {}", call.id, a.extension(), ctx.settings().ringTimeout());
    drop(a);
    if (ringing.isEmpty()) {
      requeue();
    }
  }

  /** Whether {@code a} is one of the agents ringing now (its answer is still wanted). */
  boolean isRinging(AgentAttempt a) {
    return ringing.contains(a) && call.phase == Phase.RINGING;
  }

  /** {@code a} answered: the others stop ringing (ring-all) and the wait is over. */
  void answered(AgentAttempt a) {
    ringing.remove(a);
    dropAll();
    a.cancelTimer();
    CustomerCall.cancel(maxWaitTimer);
    prompts.stop();
  }

  /** {@code a} answered with an offer we cannot use: as if it had not answered. */
  void unusableAnswer(AgentAttempt a) {
    drop(a);
    if (ringing.isEmpty()) {
      requeue();
    }
  }

  /** An agent's phone refused the call (busy, do-not-disturb) or its leg failed while ringing. */
  void agentFailed(AgentAttempt a, int status, String reason) {
    if (!ringing.contains(a)) {
      return;
    }
    LOG.info("call {}: agent {} declined: {} {}", call.id, a.extension(), status, reason);
    ringing.remove(a);
    a.release(true);
    ctx.acd().release(a.extension(), false);
    if (call.phase == Phase.RINGING && ringing.isEmpty()) {
      requeue();
    }
  }

  boolean ringingAgent(AgentAttempt a) {
    return ringing.contains(a);
  }

  /** Stops ringing one agent: its leg is cancelled and it is free again, first in line still. */
  private void drop(AgentAttempt a) {
    ringing.remove(a);
    a.release(false);
    ctx.acd().release(a.extension(), false);
  }

  private void dropAll() {
    for (AgentAttempt a : List.copyOf(ringing)) {
      drop(a);
    }
  }

  private void requeue() {
    Phase waiting = callback ? Phase.CALLBACK : Phase.QUEUED;
    call.phase = waiting;
    call.publish(callback ? State.CALLBACK : State.QUEUED, null);
    call.schedule(RETRY_PAUSE_MS, () -> {
      if (call.phase == waiting) {
        ctx.acd().enqueue(entry);
      }
    });
  }

  private void onMaxWait() {
    if (call.phase != Phase.QUEUED && call.phase != Phase.RINGING) {
      return;
    }
    LOG.info("call {}: no agent answered in queue {} within {}", call.id, queue, ctx.acd().queue(queue).maxWait());
    ctx.acd().remove(entry);
    dropAll();
    overflowOrGiveUp();
  }

  /** The queue's overflow, if it has one; else the no-agents message. */
  private void overflowOrGiveUp() {
    String next = ctx.acd().queue(queue).overflow();
    if (next == null || overflows >= MAX_OVERFLOWS) {
      if (ctx.acd().queue(queue).voicemail() && !call.wasAnswered()) {
        LOG.info("call {}: nobody can take it; to the mailbox of {}", call.id, queue);
        call.toVoicemail(queue);
      } else {
        announceNoAgents();
      }
      return;
    }
    overflows++;
    LOG.info("call {}: overflows from {} to {}", call.id, queue, next);
    queue = next;
    targetAgent = null;
    if (entry != null) {
      entry.moveTo(next);
    }
    if (ctx.acd().servingAgents(next) == 0) {
      overflowOrGiveUp();
      return;
    }
    noticeThenEnqueue();
  }

  /** Nobody can take the call: a message, then the call ends (still ANSWERED if an agent had it). */
  void announceNoAgents() {
    call.phase = Phase.ANNOUNCING;
    call.publish(State.ANNOUNCING, null);
    short[] prompt = ctx.prompts().get(ctx.settings().tenantId(), ctx.settings().promptLanguage(), "no-agents");
    call.caller.announce(prompt, () -> call.mailbox.post(() -> {
      if (call.phase == Phase.ANNOUNCING) {
        call.end(call.wasAnswered() ? Disposition.ANSWERED : Disposition.UNANSWERED, "system");
      }
    }));
  }

  /** The call ends: out of the ACD, no agent rung any more. */
  void stop() {
    CustomerCall.cancel(maxWaitTimer);
    prompts.stop();
    if (entry != null) {
      ctx.acd().remove(entry);
    }
    dropAll();
  }
}

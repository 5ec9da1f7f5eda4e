package org.atalaya.core.calls;

import java.io.IOException;
import java.util.List;
import org.atalaya.core.calls.ActiveCall.State;
import org.atalaya.core.routing.Offer;
import org.atalaya.core.sdp.AnsweredLeg;
import org.atalaya.core.sdp.Negotiation;
import org.atalaya.core.sdp.SdpException;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.sip.HangupCause;
import org.atalaya.sip.InboundCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transfers of one {@link CustomerCall}: blind (the agent leaves at once, the caller waits with
 * music for the target) and attended (the caller waits with music while the agent consults the
 * target agent, then the target takes the caller or the consultation ends). The caller's leg,
 * bridge and recording never change; only the bridge's agent side does.
 *
 * <p>Threading: confined to the call's mailbox, like the call it belongs to.
 */
final class CallTransfer {
  private static final Logger LOG = LoggerFactory.getLogger(CallTransfer.class);
  /** How long a phone that sent REFER has to hang up itself before Atalaya ends its leg. */
  private static final long REFER_BYE_GRACE_MS = 10_000;

  private final CustomerCall call;
  private final CallContext ctx;
  /** The attended transfer's consultation, while one is in progress. */
  private Consultation consult;
  private final ExternalDial external;

  CallTransfer(CustomerCall call, CallContext ctx) {
    this.call = call;
    this.ctx = ctx;
    this.external = new ExternalDial(call, ctx);
  }

  boolean consulting() {
    return consult != null;
  }

  /** Web and API: blind or attended transfer of the connected caller; the new snapshot. */
  ActiveCall transfer(TransferTarget target, boolean attended, String actor) {
    AgentAttempt from = connectedAgent();
    if (attended) {
      if (!(target instanceof TransferTarget.Agent agent)) {
        throw new IllegalArgumentException("an attended transfer goes to an agent, not to a queue or an outside number");
      }
      TransferTargets.check(ctx, target, from, true);
      startConsultation(from, agent.extension());
    } else {
      TransferTargets.check(ctx, target, from, false);
      blind(from, target, false, actor);
    }
    return call.snapshot();
  }

  /**
   * The agent's phone sent a REFER: a blind transfer, answered with the SIP status. The phone
   * hangs up itself once told the transfer was accepted (RFC 5589); in case it does not, its leg
   * is ended a little later.
   */
  int referred(AgentAttempt a, String referTo) {
    if (a != call.attempt || !call.connected()) {
      return 481; // Call/Transaction Does Not Exist: not the connected agent's dialog
    }
    TransferTarget target;
    try {
      target = TransferTargets.resolve(ctx, referTo);
      TransferTargets.check(ctx, target, a, false);
    } catch (IllegalArgumentException e) {
      LOG.info("call {}: REFER to {} refused: {}", call.id, referTo, e.getMessage());
      return 404;
    } catch (IllegalStateException e) {
      LOG.info("call {}: REFER to {} refused: {}", call.id, referTo, e.getMessage());
      return 480;
    }
    blind(a, target, true, "sip:" + a.extension());
    call.schedule(REFER_BYE_GRACE_MS, () -> a.leg.hangup());
    return 202;
  }

  private AgentAttempt connectedAgent() {
    if (consult != null) {
      throw new IllegalStateException("a transfer is already in progress");
    }
    if (!call.connected() || call.attempt == null) {
      throw new IllegalStateException(call.takenOverBy != null ? "the call was taken over by a supervisor"
          : "the call is not connected to an agent");
    }
    return call.attempt;
  }

  /** The agent leaves now; the caller waits with music in the target's queue or for the agent. */
  private void blind(AgentAttempt from, TransferTarget target, boolean phoneHangsUp, String actor) {
    leave(from, "transfer", phoneHangsUp);
    LOG.info("call {}: {} transfers to {}", call.id, actor, target);
    switch (target) {
      case TransferTarget.Agent a -> call.queueing.waitAgain(null, a.extension(), from.extension());
      case TransferTarget.Queue q -> call.queueing.waitAgain(q.name(), null, from.extension());
      case TransferTarget.External x -> external.start(x.number(), ctx.acd().trunk());
    }
  }

  /** An agent leaves the caller for good: the bridge's agent side empties, the agent wraps up. */
  private void leave(AgentAttempt from, String how, boolean legGone) {
    call.segments.end(ctx.clock().instant(), how);
    call.attempt = null;
    call.bridge.switchAgent(null);
    from.release(legGone);
    ctx.acd().release(from.extension(), true);
  }

  private void startConsultation(AgentAttempt from, String extension) {
    call.bridge.switchAgent(null);
    consult = new Consultation(from, extension);
    call.phase = CustomerCall.Phase.CONSULTING;
    call.publish(State.TRANSFERRING, from.extension());
    call.holdMusic();
    consult.entry = new QueueEntry(call.id, ctx.clock().instant(), call.queue(), extension, from.extension(),
        offers -> call.mailbox.post(() -> ring(offers)));
    ctx.acd().enqueue(consult.entry);
    LOG.info("call {}: agent {} consults agent {}", call.id, from.extension(), extension);
  }

  private void ring(List<Offer> offers) {
    Consultation c = consult;
    for (Offer offer : offers) {
      if (c == null || c.target != null || !offer.extension().equals(c.targetExtension)) {
        ctx.acd().release(offer.extension(), false);
        continue;
      }
      RtpEndpoint endpoint;
      try {
        endpoint = ctx.media().open(call);
      } catch (IOException e) {
        ctx.acd().release(offer.extension(), false);
        end("no media port");
        return;
      }
      c.target = new AgentAttempt(offer, endpoint, Negotiation.newSessionId());
      c.target.leg = ctx.sip().dial(c.target.dialRequest(call.callerNumber(), call.callerName()),
          new CallLegs.AgentLeg(call, c.target));
      c.ringTimer = call.schedule(ctx.settings().ringTimeout().toMillis(), () -> {
        if (consult == c && !c.answered()) {
          end("no answer");
        }
      });
    }
  }

  /** The consulted agent answered, or the transferring one's leg had news: true when handled here. */
  boolean agentAnswered(AgentAttempt a, String sdpAnswer) {
    if (external.answered(a, sdpAnswer)) {
      return true;
    }
    if (consult == null || consult.target != a) {
      return false;
    }
    try {
      a.accept(sdpAnswer);
    } catch (SdpException e) {
      end("unusable SDP: " + e.getMessage());
      return true;
    }
    a.answered = true;
    CustomerCall.cancel(consult.ringTimer);
    ctx.acd().answered(a.extension());
    consult.bridge = ctx.media().bridge(consult.agentSide(), a.endpoint);
    if (consult.phoneLeg != null) {
      consult.phoneLeg.answer(consult.phoneMedia.answer()); // the agent's phone hears its colleague now
    }
    LOG.info("call {}: agent {} answered the consultation", call.id, a.extension());
    return true;
  }

  boolean agentFailed(AgentAttempt a, int status) {
    if (external.failed(a, status)) {
      return true;
    }
    if (consult == null || consult.target != a) {
      return false;
    }
    a.release(true);
    ctx.acd().release(a.extension(), false);
    consult.target = null;
    end("agent " + a.extension() + " declined: " + status);
    return true;
  }

  boolean agentHungUp(AgentAttempt a, HangupCause cause) {
    if (external.failed(a, 487)) {
      return true; // the outside leg ended before it answered
    }
    if (consult == null) {
      return false;
    }
    if (consult.target == a) {
      if (!a.answered) {
        return agentFailed(a, 487);
      }
      a.endpoint.close();
      ctx.acd().release(a.extension(), true);
      consult.target = null;
      end("agent " + a.extension() + " hung up");
      return true;
    }
    if (consult.from != a) {
      return false;
    }
    // The transferring agent hung up: as on a PBX, that hands the caller to whom it consulted.
    if (consult.answered()) {
      complete("sip:" + a.extension());
    } else {
      String target = consult.targetExtension;
      release();
      call.attempt = a;
      blind(a, new TransferTarget.Agent(target), true, "sip:" + a.extension());
    }
    return true;
  }

  /** The consulted agent takes the caller. */
  ActiveCall complete(String actor) {
    return complete(actor, false);
  }

  /** As {@link #complete(String)}; {@code phoneHangsUp}: the transferring phone ends its own leg (REFER). */
  private ActiveCall complete(String actor, boolean phoneHangsUp) {
    if (consult == null || !consult.answered()) {
      throw new IllegalStateException(consult == null ? "no transfer is in progress"
          : "agent " + consult.targetExtension + " has not answered yet");
    }
    Consultation c = consult;
    consult = null;
    c.bridge.close();
    c.closePhoneSide();
    leave(c.from, "attended-transfer", phoneHangsUp);
    LOG.info("call {}: {} completes the transfer to {}", call.id, actor, c.targetExtension);
    call.connectAgent(c.target);
    return call.snapshot();
  }

  /**
   * The agent's phone called {@code target} while it has this caller (on hold by now): a
   * consultation as from the web, with the phone's second call as the agent's side. Refused with
   * a SIP status when it cannot be one: 481 not this call's agent, 486 a transfer already in
   * progress or the target not free, 404 no such agent, 488/503 unusable offer or no port.
   */
  void consultFromPhone(InboundCall phoneLeg, String agent, String target) {
    AgentAttempt from = call.attempt;
    if (from == null || !from.extension().equals(agent) || !call.connected()) {
      phoneLeg.reject(481, "Call/Transaction Does Not Exist");
      return;
    }
    if (consult != null) {
      phoneLeg.reject(486, "Busy Here");
      return;
    }
    try {
      TransferTargets.check(ctx, new TransferTarget.Agent(target), from, true);
    } catch (IllegalArgumentException e) {
      LOG.info("call {}: {} cannot consult {}: {}", call.id, agent, target, e.getMessage());
      phoneLeg.reject(404, "Not Found");
      return;
    } catch (IllegalStateException e) {
      LOG.info("call {}: {} cannot consult {}: {}", call.id, agent, target, e.getMessage());
      phoneLeg.reject(486, "Busy Here");
      return;
    }
    AnsweredLeg media;
    try {
      media = AnsweredLeg.accept(phoneLeg.sdpOffer(), () -> ctx.media().open(call));
    } catch (SdpException e) {
      phoneLeg.reject(488, "Not Acceptable Here");
      return;
    } catch (IOException e) {
      phoneLeg.reject(503, "Service Unavailable");
      return;
    }
    phoneLeg.setListener(new CallLegs.PhoneConsultLeg(call, phoneLeg, media));
    phoneLeg.ringing();
    startConsultation(from, target);
    consult.phoneLeg = phoneLeg;
    consult.phoneMedia = media;
  }

  /** The phone ended its consultation call before transferring: the colleague goes. */
  void phoneConsultEnded(InboundCall phoneLeg) {
    if (consult != null && consult.phoneLeg == phoneLeg) {
      consult.phoneMedia.endpoint().close();
      consult.phoneLeg = null;
      end("the agent hung up its consultation call");
    }
  }

  /**
   * The phone pressed transfer during its consultation: REFER with Replaces naming the
   * consultation call. The colleague takes the caller (or, still ringing, gets it when it
   * answers); the phone is told 202 and hangs up both its calls.
   */
  int referredReplacing(AgentAttempt a, String replacesCallId) {
    Consultation c = consult;
    if (a != call.attempt || c == null || c.phoneLeg == null || !c.phoneLeg.callId().equals(replacesCallId)) {
      LOG.info("call {}: REFER with Replaces {} matches no consultation of this call", call.id, replacesCallId);
      return 481;
    }
    if (c.answered()) {
      complete("sip:" + a.extension(), true);
    } else {
      release();
      call.attempt = a;
      blind(a, new TransferTarget.Agent(c.targetExtension), true, "sip:" + a.extension());
    }
    call.schedule(REFER_BYE_GRACE_MS, () -> a.leg.hangup());
    return 202;
  }

  /** Web: the consultation ends and the caller is back with the first agent. */
  ActiveCall cancel(String actor) {
    if (consult == null) {
      throw new IllegalStateException("no transfer is in progress");
    }
    end("cancelled by " + actor);
    return call.snapshot();
  }

  /** The consultation ends without a transfer: the target goes, the first agent has the caller again. */
  private void end(String why) {
    Consultation c = consult;
    release();
    LOG.info("call {}: consultation with {} ended: {}", call.id, c.targetExtension, why);
    // A phone's consultation call ends with it (release closed it); its first call, with the
    // caller, is the agent's again once the phone resumes it.
    if (call.phase == CustomerCall.Phase.CONSULTING) {
      call.attempt = c.from;
      call.phase = CustomerCall.Phase.CONNECTED;
      call.caller.stopMusic();
      call.bridge.switchAgent(c.from.endpoint);
      call.publish(State.CONNECTED, c.from.extension());
    }
  }

  /** Releases the consultation's target, bridge and ACD entry (the call ends, or it is over). */
  void release() {
    external.release();
    Consultation c = consult;
    if (c == null) {
      return;
    }
    consult = null;
    CustomerCall.cancel(c.ringTimer);
    c.closePhoneSide();
    ctx.acd().remove(c.entry);
    if (c.bridge != null) {
      c.bridge.close();
    }
    if (c.target != null) {
      c.target.release(false);
      ctx.acd().release(c.target.extension(), c.target.answered);
    }
  }
}

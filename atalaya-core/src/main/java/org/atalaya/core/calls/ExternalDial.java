package org.atalaya.core.calls;

import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import org.atalaya.core.calls.ActiveCall.State;
import org.atalaya.core.calls.CustomerCall.Phase;
import org.atalaya.core.routing.Offer;
import org.atalaya.core.routing.Trunk;
import org.atalaya.core.sdp.Negotiation;
import org.atalaya.core.sdp.SdpException;
import org.atalaya.media.RtpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blind transfer to an outside number: Atalaya calls it through the tenant's {@link Trunk}
 * with the customer's number as caller id, while the customer hears music. When the number
 * answers, it takes the agent's side of the same bridge, so the recording goes on and the
 * outside party's segment is marked like an agent's. If it is busy, fails or does not answer,
 * the customer is not dropped: it goes back to wait in the queue it came from.
 *
 * <p>The outside party's keys control nothing (no help request, no recording stop): those keys
 * belong to agents.
 *
 * <p>Threading: confined to the call's mailbox.
 */
final class ExternalDial {
  private static final Logger LOG = LoggerFactory.getLogger(ExternalDial.class);
  /** People outside take longer to answer than agents who expect calls. */
  static final long RING_MS = 30_000;

  private final CustomerCall call;
  private final CallContext ctx;
  /** The outside leg while it rings; null once answered or given up. */
  private AgentAttempt ringing;
  private ScheduledFuture<?> ringTimer;

  ExternalDial(CustomerCall call, CallContext ctx) {
    this.call = call;
    this.ctx = ctx;
  }

  /** Rings {@code number}; the agent has left the bridge already. */
  void start(String number, Trunk trunk) {
    RtpEndpoint endpoint;
    try {
      endpoint = ctx.media().open(call);
    } catch (IOException e) {
      LOG.error("call {}: no media port to call {}", call.id, number, e);
      backToQueue(number, "no media port");
      return;
    }
    AgentAttempt a = new AgentAttempt(new Offer(number, trunk.target(number), trunk.transport()), endpoint,
        Negotiation.newSessionId());
    ringing = a;
    call.phase = Phase.RINGING;
    call.publish(State.RINGING, number);
    call.holdMusic();
    LOG.info("call {}: calling {} through {}", call.id, number, trunk.uri());
    a.leg = ctx.sip().dial(a.dialRequest(call.callerNumber(), call.callerName()), new CallLegs.AgentLeg(call, a));
    ringTimer = call.schedule(RING_MS, () -> {
      if (ringing == a) {
        a.release(false);
        ringing = null;
        backToQueue(number, "no answer");
      }
    });
  }

  /** Whether {@code a} is the outside leg ringing now; if so it is answered and joins the caller. */
  boolean answered(AgentAttempt a, String sdpAnswer) {
    if (a != ringing) {
      return false;
    }
    ringing = null;
    CustomerCall.cancel(ringTimer);
    try {
      a.accept(sdpAnswer);
    } catch (SdpException e) {
      a.release(false);
      backToQueue(a.extension(), "unusable SDP: " + e.getMessage());
      return true;
    }
    a.answered = true;
    call.connectAgent(a);
    a.endpoint.onDtmf((digit, ms) -> { }); // agents' keys, not the outside party's
    LOG.info("call {}: {} answered the transfer", call.id, a.extension());
    return true;
  }

  /** Whether {@code a} is the outside leg ringing now; if so, it refused or failed. */
  boolean failed(AgentAttempt a, int status) {
    if (a != ringing) {
      return false;
    }
    ringing = null;
    CustomerCall.cancel(ringTimer);
    a.release(true);
    backToQueue(a.extension(), "status " + status);
    return true;
  }

  /** The call ends while the outside number rings. */
  void release() {
    if (ringing != null) {
      CustomerCall.cancel(ringTimer);
      ringing.release(false);
      ringing = null;
    }
  }

  private void backToQueue(String number, String why) {
    if (call.phase == Phase.ENDED) {
      return;
    }
    LOG.info("call {}: the transfer to {} failed ({}); back to queue {}", call.id, number, why, call.queue());
    call.queueing.waitAgain(call.queue(), null, null);
  }
}

package org.atalaya.core.calls;

import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import org.atalaya.core.routing.Offer;
import org.atalaya.core.sdp.Negotiation;
import org.atalaya.core.sdp.SdpException;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.sip.DialRequest;
import org.atalaya.sip.HangupCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A callback's second half: the caller chose to be called back and hung up, kept its place in
 * the queue, and now an agent has answered. The agent hears {@code callback-agent} while Atalaya
 * calls the customer back where its first call came from (its Contact), showing the number it
 * had dialled; when the customer answers, the two are bridged and recorded like any call.
 *
 * <p>Threading: confined to the call's mailbox.
 */
final class CallbackDial {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackDial.class);
  /** How long the customer's phone rings before the callback counts as not reached. */
  static final long RING_MS = 30_000;

  private final CustomerCall call;
  private final CallContext ctx;
  /** The customer's new leg; an outbound leg like an agent's, so it reuses AgentAttempt. */
  private AgentAttempt customer;
  private AgentAttempt agent;
  private ScheduledFuture<?> ringTimer;
  private boolean gone;

  CallbackDial(CustomerCall call, CallContext ctx) {
    this.call = call;
    this.ctx = ctx;
  }

  /** Rings the customer for {@code agent}, who has answered. */
  void start(AgentAttempt agent, String contactUri, String transport) {
    this.agent = agent;
    agent.endpoint.play(prompt("callback-agent"), () -> { });
    RtpEndpoint endpoint;
    try {
      endpoint = ctx.media().open(call);
    } catch (IOException e) {
      LOG.error("call {}: no media port to call the customer back", call.id, e);
      notReached("no media port");
      return;
    }
    customer = new AgentAttempt(new Offer(call.callerNumber(), contactUri, transport), endpoint,
        Negotiation.newSessionId());
    DialRequest dial = customer.dialRequest(call.dialledNumber(), "");
    customer.leg = ctx.sip().dial(dial, new CallLegs.CallbackLeg(call.mailbox, this, customer));
    ringTimer = call.schedule(RING_MS, () -> {
      if (!customer.answered) {
        notReached("no answer in " + RING_MS / 1000 + " s");
      }
    });
    LOG.info("call {}: calling {} back at {} for agent {}", call.id, call.callerNumber(), contactUri, agent.extension());
  }

  /** The customer answered the callback: it is bridged to the agent and the recording starts. */
  void answered(AgentAttempt leg, String sdpAnswer) {
    if (leg != customer || call.phase == CustomerCall.Phase.ENDED || call.attempt == null) {
      leg.leg.hangup();
      return;
    }
    CustomerCall.cancel(ringTimer);
    try {
      customer.accept(sdpAnswer);
    } catch (SdpException e) {
      notReached("unusable SDP: " + e.getMessage());
      return;
    }
    customer.answered = true;
    agent.endpoint.stopPlaying();
    LOG.info("call {}: the customer answered the callback; bridged to agent {}", call.id, agent.extension());
    call.connectFirst(customer.endpoint, agent);
  }

  /** The customer did not answer the callback (or it could not be placed): the call ends. */
  void notReached(String why) {
    if (call.phase == CustomerCall.Phase.ENDED || call.phase == CustomerCall.Phase.CONNECTED) {
      return;
    }
    LOG.info("call {}: callback not reached: {}", call.id, why);
    call.end(Disposition.UNANSWERED, "system");
  }

  /** The customer's leg ended on its side. */
  void hungUp(AgentAttempt leg, HangupCause cause) {
    if (leg != customer) {
      return;
    }
    gone = true;
    if (call.phase == CustomerCall.Phase.CONNECTED || call.phase == CustomerCall.Phase.CONSULTING) {
      LOG.info("call {}: the called-back customer hung up ({})", call.id, cause);
      call.end(Disposition.ANSWERED, "customer");
    } else {
      notReached(cause.name());
    }
  }

  String reoffer(String sdp) throws SdpException {
    String answer = customer.reoffer(sdp);
    call.updateHold();
    return answer;
  }

  boolean holding() {
    return customer != null && customer.holding();
  }

  void release() {
    CustomerCall.cancel(ringTimer);
    if (customer != null) {
      customer.release(gone);
    }
  }

  private short[] prompt(String name) {
    return ctx.prompts().get(ctx.settings().tenantId(), ctx.settings().promptLanguage(), name);
  }
}

package org.atalaya.core.calls;

import java.time.Duration;
import org.atalaya.core.sdp.AnsweredLeg;
import org.atalaya.sip.HangupCause;
import org.atalaya.sip.InboundCall;
import org.atalaya.sip.LegListener;
import org.atalaya.sip.OutboundCallListener;

/**
 * The SIP listeners of a {@link CustomerCall}'s two legs. They run on SIP threads and only post
 * to the call's mailbox; a re-INVITE, which needs an SDP answer in its response, waits for the
 * mailbox at most {@link #REOFFER_WAIT}.
 */
final class CallLegs {
  static final Duration REOFFER_WAIT = Duration.ofSeconds(2);

  private CallLegs() {}

  /** The customer's leg. */
  static final class CustomerLeg implements LegListener {
    private final CustomerCall call;

    CustomerLeg(CustomerCall call) {
      this.call = call;
    }

    @Override
    public void onHangup(HangupCause cause) {
      call.mailbox.post(() -> call.customerHungUp(cause));
    }

    @Override
    public String onReoffer(String sdpOffer) {
      return call.mailbox.ask(() -> call.customerReoffer(sdpOffer), REOFFER_WAIT);
    }
  }

  /** One agent leg, tagged with its attempt so events of an abandoned attempt are ignored. */
  static final class AgentLeg implements OutboundCallListener {
    private final CustomerCall call;
    private final AgentAttempt attempt;

    AgentLeg(CustomerCall call, AgentAttempt attempt) {
      this.call = call;
      this.attempt = attempt;
    }

    @Override
    public void onRinging() {}

    @Override
    public void onAnswered(String sdpAnswer) {
      call.mailbox.post(() -> call.agentAnswered(attempt, sdpAnswer));
    }

    @Override
    public void onFailed(int status, String reason) {
      call.mailbox.post(() -> call.agentFailed(attempt, status, reason));
    }

    @Override
    public void onHangup(HangupCause cause) {
      call.mailbox.post(() -> call.agentHungUp(attempt, cause));
    }

    @Override
    public String onReoffer(String sdpOffer) {
      return call.mailbox.ask(() -> call.agentReoffer(attempt, sdpOffer), REOFFER_WAIT);
    }

    @Override
    public int onRefer(String targetUser) {
      return call.mailbox.ask(() -> call.transfers.referred(attempt, targetUser), REOFFER_WAIT);
    }

    @Override
    public int onReferReplacing(String targetUser, String replacesCallId) {
      return call.mailbox.ask(() -> call.transfers.referredReplacing(attempt, replacesCallId), REOFFER_WAIT);
    }
  }

  /** An agent phone's second call, to a colleague's extension: the consultation of a transfer. */
  static final class PhoneConsultLeg implements LegListener {
    private final CustomerCall call;
    private final InboundCall leg;
    private final AnsweredLeg media;

    PhoneConsultLeg(CustomerCall call, InboundCall leg, AnsweredLeg media) {
      this.call = call;
      this.leg = leg;
      this.media = media;
    }

    @Override
    public void onHangup(HangupCause cause) {
      call.mailbox.post(() -> call.transfers.phoneConsultEnded(leg));
    }

    @Override
    public String onReoffer(String sdpOffer) {
      return call.mailbox.ask(() -> media.reoffer(sdpOffer), REOFFER_WAIT);
    }
  }

  /** The customer's leg of a callback: Atalaya called the customer back. */
  static final class CallbackLeg implements OutboundCallListener {
    private final Mailbox mailbox;
    private final CallbackDial dial;
    private final AgentAttempt leg;

    CallbackLeg(Mailbox mailbox, CallbackDial dial, AgentAttempt leg) {
      this.mailbox = mailbox;
      this.dial = dial;
      this.leg = leg;
    }

    @Override
    public void onRinging() {}

    @Override
    public void onAnswered(String sdpAnswer) {
      mailbox.post(() -> dial.answered(leg, sdpAnswer));
    }

    @Override
    public void onFailed(int status, String reason) {
      mailbox.post(() -> dial.notReached(status + " " + reason));
    }

    @Override
    public void onHangup(HangupCause cause) {
      mailbox.post(() -> dial.hungUp(leg, cause));
    }

    @Override
    public String onReoffer(String sdpOffer) {
      return mailbox.ask(() -> dial.reoffer(sdpOffer), REOFFER_WAIT);
    }
  }
}

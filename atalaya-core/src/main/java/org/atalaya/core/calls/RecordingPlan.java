package org.atalaya.core.calls;

import java.io.IOException;
import org.atalaya.core.recording.RecordingService.ActiveRecording;
import org.atalaya.core.recording.RecordingService.CallFacts;
import org.atalaya.core.recording.policy.CallTraits;
import org.atalaya.core.recording.policy.RecordingPolicy;
import org.atalaya.core.recording.policy.RecordingPolicy.Decision;
import org.atalaya.media.Bridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one call's recording: the tenant's policy, the consent announcement's outcome,
 * the decision taken when the agent answers, and on-demand starts and stops (one recording per
 * call: a stop leaves silence and a gap marked "stopped", a later start resumes it).
 *
 * <p>Threading: confined to the call's mailbox.
 */
final class RecordingPlan {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingPlan.class);
  static final String STOPPED = "stopped";

  /** The consent announcement's outcome, stored with the call record. */
  enum Consent { NOT_REQUIRED, ANNOUNCED, OPTED_OUT }

  private final RecordingPolicy policy;
  private Consent consent = Consent.NOT_REQUIRED;
  private Decision decision;
  private ActiveRecording recording;
  private boolean stopped;
  private long stoppedAtMillis;

  RecordingPlan(RecordingPolicy policy) {
    this.policy = policy;
  }

  /** Whether the caller hears the consent announcement before any agent is rung. */
  boolean announces(String queue) {
    return policy.consent().announce() && policy.mayRecord(queue);
  }

  /** Whether the caller has heard the recording notice (or declined during it). */
  boolean noticeGiven() {
    return consent != Consent.NOT_REQUIRED;
  }

  Character optOutKey() {
    return policy.consent().optOutKey();
  }

  void announced() {
    if (consent != Consent.OPTED_OUT) {
      consent = Consent.ANNOUNCED;
    }
  }

  void optedOut() {
    consent = Consent.OPTED_OUT;
  }

  String consent() {
    return consent.name();
  }

  ActiveRecording recording() {
    return recording;
  }

  /** The agent answered: decides, and records from now if the policy says so. */
  void answered(CallContext ctx, String callId, Bridge bridge, CallFacts facts, CallTraits traits) {
    decision = consent == Consent.OPTED_OUT ? Decision.DO_NOT_RECORD : policy.decide(traits, ctx.policies().dice());
    LOG.info("call {}: recording {}{}", callId, decision, consent == Consent.OPTED_OUT ? " (caller opted out)" : "");
    if (decision == Decision.RECORD) {
      start(ctx, callId, bridge, facts);
    }
  }

  /**
   * A voicemail: the caller chose to leave a message, so it is recorded whatever the policy says
   * about queue calls; on-demand controls do not apply to it.
   */
  void voicemail(CallContext ctx, String callId, Bridge bridge, CallFacts facts) {
    decision = Decision.RECORD;
    start(ctx, callId, bridge, facts);
  }

  /**
   * On-demand start ({@code on}) or stop. Refused (IllegalStateException) when the caller opted
   * out or a do-not-record rule matched. Returns whether anything changed.
   */
  boolean onDemand(boolean on, CallContext ctx, String callId, Bridge bridge, CallFacts facts) {
    if (decision == null) {
      throw new IllegalStateException("the call is not connected to an agent yet");
    }
    if (decision == Decision.DO_NOT_RECORD) {
      throw new IllegalStateException(consent == Consent.OPTED_OUT
          ? "the caller declined recording" : "the recording policy does not allow recording this call");
    }
    if (on) {
      if (recording == null) {
        start(ctx, callId, bridge, facts);
        return recording != null;
      }
      if (stopped) {
        stopped = false;
        recording.pause(false);
        recording.markGap(stoppedAtMillis, recording.positionMillis(), STOPPED);
        return true;
      }
      return false;
    }
    if (recording == null || stopped) {
      return false;
    }
    stopped = true;
    stoppedAtMillis = recording.positionMillis();
    recording.pause(true);
    return true;
  }

  boolean isRecording() {
    return recording != null && !stopped;
  }

  /** The call ends: a stop still in force closes its gap. */
  void closeGaps() {
    if (recording != null && stopped) {
      recording.markGap(stoppedAtMillis, recording.positionMillis(), STOPPED);
    }
  }

  private void start(CallContext ctx, String callId, Bridge bridge, CallFacts facts) {
    try {
      recording = ctx.recordings().start(bridge, facts);
    } catch (IOException | RuntimeException e) {
      // The call goes on: dropping a customer because the disk is full would be worse.
      LOG.error("call {}: recording could not start", callId, e);
    }
  }
}

package org.atalaya.core.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One customer call as the KPIs see it: offered to a queue, then answered by an agent, abandoned
 * by the caller, or given up by the system (max wait, no agents).
 *
 * @param callId the call
 * @param queue the queue it was offered to
 * @param agent the agent who answered, or null
 * @param caller the caller's number, or null when withheld (then it counts for no FCR)
 * @param offeredAt when it entered the queue
 * @param answeredAt when an agent answered, or null
 * @param endedAt when it ended
 * @param outcome how it ended
 * @param hold time on hold while connected
 * @param wrapUp the agent's after-call work
 * @param csat the caller's 1-5 survey answer, or null
 * @param transferred whether the agent transferred it
 * @param callback whether the caller chose to be called back
 */
public record QueueCall(String callId, String queue, String agent, String caller, Instant offeredAt, Instant answeredAt,
    Instant endedAt, Outcome outcome, Duration hold, Duration wrapUp, Integer csat, boolean transferred,
    boolean callback) {

  /** How a queued call ended. */
  public enum Outcome { ANSWERED, ABANDONED, UNANSWERED }

  public QueueCall {
    Objects.requireNonNull(offeredAt, "offeredAt");
    Objects.requireNonNull(endedAt, "endedAt");
    Objects.requireNonNull(outcome, "outcome");
    if (endedAt.isBefore(offeredAt)) {
      throw new IllegalArgumentException("call " + callId + " ends before it is offered");
    }
    if ((outcome == Outcome.ANSWERED) != (answeredAt != null)) {
      throw new IllegalArgumentException("call " + callId + ": answeredAt is set exactly when the outcome is ANSWERED");
    }
    if (answeredAt != null && (answeredAt.isBefore(offeredAt) || answeredAt.isAfter(endedAt))) {
      throw new IllegalArgumentException("call " + callId + ": answered outside its offer");
    }
    if (csat != null && (csat < 1 || csat > 5)) {
      throw new IllegalArgumentException("call " + callId + ": csat is 1 to 5, got " + csat);
    }
    hold = hold == null ? Duration.ZERO : hold;
    wrapUp = wrapUp == null ? Duration.ZERO : wrapUp;
    if (hold.isNegative() || wrapUp.isNegative()
        || (answeredAt != null && hold.compareTo(Duration.between(answeredAt, endedAt)) > 0)) {
      throw new IllegalArgumentException("call " + callId + ": hold and wrap-up are positive, hold within the call");
    }
  }

  /**
   * A stored call as the KPIs see it, or null for a call that never reached a queue (FAILED: a
   * bad offer, no media port; IVR: it ended in the IVR). Offered is when the call entered its
   * queue, after the IVR and any recording notice; calls stored before that was kept fall back
   * to their arrival. Transferred: the call was handed from one agent to another at least once.
   * CSAT: the caller's answer to the post-call survey. Callback: the caller chose to be called
   * back. Wrap-up is not recorded yet and reads as none.
   */
  public static QueueCall from(org.atalaya.core.calls.CallRecord r) {
    Outcome outcome = switch (r.disposition()) {
      case ANSWERED -> r.answeredAt() == null ? null : Outcome.ANSWERED;
      case ABANDONED -> Outcome.ABANDONED;
      case UNANSWERED -> Outcome.UNANSWERED;
      // A message left after waiting in a queue nobody could serve; straight from an IVR: no queue call.
      case VOICEMAIL -> r.queuedAt() != null ? Outcome.UNANSWERED : null;
      case FAILED, IVR -> null;
    };
    if (outcome == null) {
      return null;
    }
    return new QueueCall(r.id(), r.queue(), outcome == Outcome.ANSWERED ? r.agentExtension() : null, r.fromNumber(),
        r.queuedAt() != null ? r.queuedAt() : r.startedAt(), outcome == Outcome.ANSWERED ? r.answeredAt() : null,
        r.endedAt(), outcome, Duration.ofSeconds(r.holdSeconds()), null, outcome == Outcome.ANSWERED ? r.csat() : null,
        r.transfers() > 0, r.callback());
  }

  /** From offer to answer, or to the hang-up of a call never answered. */
  public Duration waited() {
    return Duration.between(offeredAt, answeredAt != null ? answeredAt : endedAt);
  }

  /** Connected time without hold; zero for a call never answered. */
  public Duration talk() {
    return answeredAt == null ? Duration.ZERO : Duration.between(answeredAt, endedAt).minus(hold);
  }
}

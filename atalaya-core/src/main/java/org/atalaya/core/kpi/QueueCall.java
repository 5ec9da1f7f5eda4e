package org.atalaya.core.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.atalaya.core.calls.AgentSegment;
import org.atalaya.core.calls.CallRecord;

/**
 * One customer call as the KPIs see it: offered to a queue, then answered by an agent, abandoned
 * by the caller, or given up by the system (max wait, no agents).
 *
 * @param callId the call
 * @param queue the queue it was offered to
 * @param agent the agent who answered first, or null
 * @param caller the caller's number, or null when withheld (then it counts for no FCR)
 * @param offeredAt when it entered the queue
 * @param answeredAt when an agent answered, or null
 * @param endedAt when it ended
 * @param outcome how it ended
 * @param hold time on hold while connected
 * @param wrapUp the after-call work of every agent who had the call (the sum of the handlings')
 * @param csat the caller's 1-5 survey answer, or null
 * @param transferred whether the agent transferred it
 * @param callback whether the caller chose to be called back
 * @param handlings each agent's part, the first agent's first; one for a call never transferred,
 *     none for a call nobody answered. Null: one for {@code agent} with the call's own figures.
 */
public record QueueCall(String callId, String queue, String agent, String caller, Instant offeredAt, Instant answeredAt,
    Instant endedAt, Outcome outcome, Duration hold, Duration wrapUp, Integer csat, boolean transferred,
    boolean callback, List<Handling> handlings) {

  /**
   * One agent's part in an answered call, for the per-agent figures.
   *
   * @param agent the agent
   * @param talk its time with the caller, less {@code hold}
   * @param hold its share of the hold: the call's for its only agent; 0 when several agents had
   *     the caller, as hold is stored per call, not per segment (their talk includes it)
   * @param wrapUp its after-call work for this call
   */
  public record Handling(String agent, Duration talk, Duration hold, Duration wrapUp) {
    public Handling {
      Objects.requireNonNull(agent, "agent");
      if (talk.isNegative() || hold.isNegative() || wrapUp.isNegative()) {
        throw new IllegalArgumentException("agent " + agent + ": talk, hold and wrap-up are positive");
      }
    }
  }

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
    if (handlings == null) {
      handlings = answeredAt == null || agent == null ? List.of()
          : List.of(new Handling(agent, Duration.between(answeredAt, endedAt).minus(hold), hold, wrapUp));
    }
    handlings = List.copyOf(handlings);
    if (!handlings.isEmpty() && (answeredAt == null || !handlings.getFirst().agent().equals(agent))) {
      throw new IllegalArgumentException("call " + callId + ": the first handling is the answering agent's");
    }
    if (!handlings.isEmpty()
        && !handlings.stream().map(Handling::wrapUp).reduce(Duration.ZERO, Duration::plus).equals(wrapUp)) {
      throw new IllegalArgumentException("call " + callId + ": its wrap-up is its agents' wrap-ups");
    }
  }

  /** A call whose agents' parts are its own figures, for its one agent. */
  public QueueCall(String callId, String queue, String agent, String caller, Instant offeredAt, Instant answeredAt,
      Instant endedAt, Outcome outcome, Duration hold, Duration wrapUp, Integer csat, boolean transferred,
      boolean callback) {
    this(callId, queue, agent, caller, offeredAt, answeredAt, endedAt, outcome, hold, wrapUp, csat, transferred,
        callback, null);
  }

  /** As {@link #from(CallRecord, Map)} without the agents' state history: no wrap-up. */
  public static QueueCall from(CallRecord r) {
    return from(r, Map.of());
  }

  /**
   * A stored call as the KPIs see it, or null for a call that never reached a queue (FAILED: a
   * bad offer, no media port; IVR: it ended in the IVR). Offered is when the call entered its
   * queue, after the IVR and any recording notice; calls stored before that was kept fall back
   * to their arrival. Transferred: the call was handed from one agent to another at least once.
   * CSAT: the caller's answer to the post-call survey. Callback: the caller chose to be called
   * back.
   *
   * @param wrapUps each agent's wrap-up after this call, from the agents' state history; only
   *     the agents who had the caller count (an agent consulted in a transfer that did not happen
   *     talked to the agent, not the caller)
   */
  public static QueueCall from(CallRecord r, Map<String, Duration> wrapUps) {
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
    boolean answered = outcome == Outcome.ANSWERED;
    Duration hold = Duration.ofSeconds(r.holdSeconds());
    List<Handling> handlings = answered && r.agentExtension() != null ? handlings(r, hold, wrapUps) : List.of();
    Duration wrapUp = handlings.stream().map(Handling::wrapUp).reduce(Duration.ZERO, Duration::plus);
    return new QueueCall(r.id(), r.queue(), answered ? r.agentExtension() : null, r.fromNumber(),
        r.queuedAt() != null ? r.queuedAt() : r.startedAt(), answered ? r.answeredAt() : null, r.endedAt(), outcome,
        hold, wrapUp, answered ? r.csat() : null, r.transfers() > 0, r.callback(), handlings);
  }

  /**
   * Each agent's part: its segments' time with the caller. Hold is stored for the whole call, not
   * per segment, so when several agents had the caller their talk includes their holds. A call
   * with one agent (or stored before segments were) is that agent's whole.
   */
  private static List<Handling> handlings(CallRecord r, Duration hold, Map<String, Duration> wrapUps) {
    Map<String, Duration> talk = new LinkedHashMap<>();
    talk.put(r.agentExtension(), Duration.ZERO);
    for (AgentSegment s : r.segments()) {
      // A segment the clock made negative (a step back) counts as none rather than failing the report.
      Duration d = Duration.between(s.from(), s.to());
      talk.merge(s.agentExtension(), d.isNegative() ? Duration.ZERO : d, Duration::plus);
    }
    if (talk.size() == 1) {
      return List.of(new Handling(r.agentExtension(), Duration.between(r.answeredAt(), r.endedAt()).minus(hold), hold,
          wrapUps.getOrDefault(r.agentExtension(), Duration.ZERO)));
    }
    List<Handling> out = new ArrayList<>();
    talk.forEach((agent, t) -> out.add(new Handling(agent, t, Duration.ZERO, wrapUps.getOrDefault(agent,
        Duration.ZERO))));
    return out;
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

package org.atalaya.core.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One stretch of time an agent spent in one state: the agents' state history, from which the KPIs
 * take occupancy and each call's wrap-up ({@code docs/KPIS.md}).
 *
 * @param tenantId the tenant whose calls the agent's ACD routes
 * @param agentExtension the agent
 * @param state the state
 * @param since when the state began
 * @param until when it ended (not before {@code since})
 * @param pauseReason why the agent paused, in {@link AgentState#PAUSED} only; else null
 * @param callId the customer call the agent rang for, talked on or wrapped up after
 *     ({@link AgentState#RINGING}, {@link AgentState#ON_CALL}, {@link AgentState#WRAP_UP}); else null
 */
public record AgentActivity(String tenantId, String agentExtension, AgentState state, Instant since, Instant until,
    String pauseReason, String callId) {
  public AgentActivity {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(agentExtension, "agentExtension");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    if (until.isBefore(since)) {
      throw new IllegalArgumentException("agent " + agentExtension + ": " + state + " ends before it begins");
    }
  }

  public Duration duration() {
    return Duration.between(since, until);
  }

  /** The part of it within [from, to); zero when it lies outside. */
  public Duration within(Instant from, Instant to) {
    Instant start = since.isAfter(from) ? since : from;
    Instant end = until.isBefore(to) ? until : to;
    return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
  }
}

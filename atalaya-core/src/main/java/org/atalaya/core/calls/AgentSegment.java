package org.atalaya.core.calls;

import java.time.Instant;
import java.util.Objects;

/**
 * One agent's time with the caller in a call: a call transferred once has two. The recording
 * covers them all, in order, on its right channel.
 *
 * @param agentExtension the agent (or the supervisor who took the call over)
 * @param from when the agent was connected to the caller
 * @param to when the agent left
 * @param end how the segment ended: {@code transfer} (blind), {@code attended-transfer},
 *     {@code take-over} or {@code end} (the call ended)
 */
public record AgentSegment(String agentExtension, Instant from, Instant to, String end) {
  public AgentSegment {
    Objects.requireNonNull(agentExtension, "agentExtension");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(end, "end");
  }
}

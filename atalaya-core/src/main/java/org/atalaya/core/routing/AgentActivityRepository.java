package org.atalaya.core.routing;

import java.time.Instant;
import java.util.List;

/** Stores the agents' state history, one {@link AgentActivity} per state once it ended. Every read takes the tenant. */
public interface AgentActivityRepository {
  void append(AgentActivity activity);

  /**
   * The tenant's activities that overlap [from, to) (they begin before {@code to} and end after
   * {@code from}), whole, not cut to the period; by agent, then by start.
   */
  List<AgentActivity> overlapping(String tenantId, Instant from, Instant to);
}

package org.atalaya.core.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The agents' state history in a list, for tests of what reads it (the store's own is tested by its contract). */
public final class MemoryAgentActivityRepository implements AgentActivityRepository {
  private final List<AgentActivity> all = new ArrayList<>();

  @Override
  public synchronized void append(AgentActivity activity) {
    all.add(activity);
  }

  @Override
  public synchronized List<AgentActivity> overlapping(String tenantId, Instant from, Instant to) {
    return all.stream().filter(a -> a.tenantId().equals(tenantId) && a.since().isBefore(to) && a.until().isAfter(from))
        .sorted(Comparator.comparing(AgentActivity::agentExtension).thenComparing(AgentActivity::since)).toList();
  }

  public synchronized List<AgentActivity> all() {
    return List.copyOf(all);
  }
}

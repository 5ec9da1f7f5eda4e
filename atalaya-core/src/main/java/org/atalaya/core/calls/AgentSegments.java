package org.atalaya.core.calls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Each agent's time with the caller, in order, as transfers hand the call on. Mailbox-confined. */
final class AgentSegments {
  private final List<AgentSegment> done = new ArrayList<>();
  private String agent;
  private Instant from;

  void start(String extension, Instant at) {
    agent = extension;
    from = at;
  }

  /** Closes the open segment, if any. */
  void end(Instant at, String how) {
    if (agent != null) {
      done.add(new AgentSegment(agent, from, at, how));
      agent = null;
    }
  }

  /** Transfers completed: segments handed on to another agent. */
  int transfers() {
    return (int) done.stream().filter(s -> s.end().endsWith("transfer")).count();
  }

  List<AgentSegment> all() {
    return List.copyOf(done);
  }

  /** The agent connected now, or the last one. */
  String lastAgent() {
    return agent != null ? agent : done.isEmpty() ? null : done.getLast().agentExtension();
  }
}

package org.atalaya.core.monitoring;

import java.util.Optional;
import org.atalaya.core.agents.AgentAccounts;
import org.atalaya.core.users.UserAccounts;

/**
 * Who a SIP extension acts for: the user (supervisor or admin) whose account names that
 * extension. A phone gets a supervisor's authority only through this link.
 */
public final class SupervisorDirectory {
  private final AgentAccounts agents;
  private final UserAccounts users;

  public SupervisorDirectory(AgentAccounts agents, UserAccounts users) {
    this.agents = agents;
    this.users = users;
  }

  /** The actor for a phone's authenticated extension; empty if no user is linked to it. */
  public Optional<Actor> byExtension(String extension) {
    return agents.byExtension(extension).flatMap(agent -> users.list(agent.tenantId()).stream()
        .filter(u -> extension.equals(u.agentExtension()))
        .findFirst()
        .map(u -> new Actor(u.tenantId(), u.login(), u.role(), extension)));
  }

  /** Whether the extension belongs to a supervisor or admin (its phone takes no queue calls). */
  public boolean isSupervisorPhone(String extension) {
    return byExtension(extension).map(Actor::maySupervise).orElse(false);
  }
}

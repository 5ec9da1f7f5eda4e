package org.atalaya.web.auth;

import org.atalaya.core.users.Role;
import org.atalaya.core.users.User;
import org.atalaya.web.ApiException;

/**
 * Who is making a request, and the role rules that follow from it.
 *
 * @param tenantId every query of this request is scoped to it
 * @param login the user's login
 * @param role the user's role
 * @param agentExtension for agents, the extension whose calls are theirs; else null
 */
public record Principal(String tenantId, String login, Role role, String agentExtension) {
  public static Principal of(User user) {
    return new Principal(user.tenantId(), user.login(), user.role(), user.agentExtension());
  }

  /** 403 unless the user has one of these roles; returns this, for {@code auth.require(ctx).requireRole(...)}. */
  public Principal requireRole(Role... allowed) {
    for (Role r : allowed) {
      if (r == role) {
        return this;
      }
    }
    throw ApiException.forbidden();
  }

  /** Only admins manage agents and users. */
  public void requireAdmin() {
    if (role != Role.ADMIN) {
      throw ApiException.forbidden();
    }
  }

  /**
   * The agent filter for list queries: null (all agents) for reading roles, the own extension for
   * an agent. An agent user without an extension gets a value no row has, so sees nothing.
   */
  public String agentFilter() {
    if (role != Role.AGENT) {
      return null;
    }
    return agentExtension == null ? "" : agentExtension;
  }

  /** Whether a row belonging to {@code rowAgentExtension} (in this tenant) is visible. */
  public boolean canSee(String rowAgentExtension) {
    String filter = agentFilter();
    return filter == null || filter.equals(rowAgentExtension);
  }
}

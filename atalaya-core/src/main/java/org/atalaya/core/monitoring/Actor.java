package org.atalaya.core.monitoring;

import java.util.Objects;
import org.atalaya.core.users.Role;

/**
 * Who asks for a monitoring action: a web user, or the user linked to a SIP phone's extension.
 *
 * @param tenantId the actor's tenant; only that tenant's calls may be touched
 * @param login the user's login (written to the audit log)
 * @param role the user's role
 * @param extension the user's phone extension (agents: their own; supervisors: for call-me and
 *     feature codes), or null
 */
public record Actor(String tenantId, String login, Role role, String extension) {
  public Actor {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(role, "role");
  }

  /** Only supervisors and admins may monitor. */
  public boolean maySupervise() {
    return role == Role.SUPERVISOR || role == Role.ADMIN;
  }
}

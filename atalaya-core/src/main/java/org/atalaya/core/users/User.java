package org.atalaya.core.users;

import java.time.Instant;
import java.util.Objects;

/**
 * A person who logs in to the web UI or API.
 *
 * @param id database id
 * @param tenantId the tenant the user belongs to
 * @param login unique login name
 * @param role what the user may do
 * @param passwordHash Argon2id hash in PHC string form
 * @param agentExtension for role AGENT, the extension whose calls are the user's own; else null
 * @param createdAt creation time
 */
public record User(
    long id, String tenantId, String login, Role role, String passwordHash, String agentExtension, Instant createdAt) {
  public User {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}

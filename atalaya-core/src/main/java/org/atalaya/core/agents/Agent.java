package org.atalaya.core.agents;

import java.time.Instant;
import java.util.Objects;

/**
 * A SIP account an agent's phone registers with.
 *
 * @param id database id
 * @param tenantId the tenant the agent works for
 * @param extension the SIP user and extension (digits, 2-10 long)
 * @param name display name
 * @param sipHa1 MD5("extension:realm:password") in hex; the password itself is never stored
 * @param createdAt creation time
 */
public record Agent(long id, String tenantId, String extension, String name, String sipHa1, Instant createdAt) {
  public Agent {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(extension, "extension");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sipHa1, "sipHa1");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}

package org.atalaya.core.agents;

import java.util.List;
import java.util.Optional;

/** Stores agents' SIP accounts. Implementations enforce unique extensions. */
public interface AgentRepository {
  /** Inserts a new agent (id and createdAt of the argument are ignored) and returns it as stored. */
  Agent insert(Agent agent) throws DuplicateException;

  /** Finds an agent by extension across tenants (extensions are unique per installation). */
  Optional<Agent> byExtension(String extension);

  /** All agents of a tenant, by extension. */
  List<Agent> list(String tenantId);

  /** Removes an agent; true if it existed in that tenant. */
  boolean delete(String tenantId, String extension);

  /** Thrown when the unique key already exists. */
  final class DuplicateException extends Exception {
    public DuplicateException(String message) {
      super(message);
    }
  }
}

package org.atalaya.core.ivr;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Each tenant's IVR flows, business hours and routing (queues and agents' skills), kept as the JSON documents admins wrote (checked
 * before they are saved), so an edit reads back exactly as written. Every call takes the tenant.
 */
public interface IvrRepository {
  List<String> flowIds(String tenantId);

  Optional<String> flow(String tenantId, String flowId);

  /** Creates or replaces a flow. */
  void saveFlow(String tenantId, String flowId, String json, String updatedBy, Instant at);

  /** True if the flow existed. */
  boolean deleteFlow(String tenantId, String flowId);

  Optional<String> hours(String tenantId);

  void saveHours(String tenantId, String json, String updatedBy, Instant at);

  /** The tenant's queues and agents' skills ({@code docs/ROUTING.md}). */
  Optional<String> routing(String tenantId);

  void saveRouting(String tenantId, String json, String updatedBy, Instant at);
}

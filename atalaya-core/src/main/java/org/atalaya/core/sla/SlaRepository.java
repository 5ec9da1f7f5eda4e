package org.atalaya.core.sla;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Each tenant's SLA definitions, breaches, webhook and delivery attempts. Every read takes the tenant. */
public interface SlaRepository {
  List<SlaDefinition> definitions(String tenantId);

  Optional<SlaDefinition> definition(String tenantId, String id);

  /** Creates or replaces; true if it was created. */
  boolean saveDefinition(String tenantId, SlaDefinition definition, String updatedBy, Instant at);

  /** True if it existed. Its breaches stay: they are the record of what was missed. */
  boolean deleteDefinition(String tenantId, String id);

  /** Tenants with at least one definition: those the monitor has work for. */
  List<String> tenantsWithDefinitions();

  /**
   * Stores a breach; false (and nothing stored) when that definition's period already has one,
   * so a restarted monitor that judges the same period again does not alert twice.
   */
  boolean saveBreach(SlaAlert breach);

  /** The tenant's breaches of periods that started in [from, to), oldest first. */
  List<SlaAlert> breaches(String tenantId, Instant from, Instant to);

  Optional<WebhookConfig> webhook(String tenantId);

  void saveWebhook(String tenantId, WebhookConfig config, String updatedBy, Instant at);

  void saveDelivery(WebhookDelivery delivery);

  /** The tenant's latest delivery attempts, newest first. */
  List<WebhookDelivery> deliveries(String tenantId, int limit);
}

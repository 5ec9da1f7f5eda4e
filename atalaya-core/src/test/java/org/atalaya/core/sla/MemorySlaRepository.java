package org.atalaya.core.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory SlaRepository for the monitor's tests; the JDBI one has its own contract test. */
final class MemorySlaRepository implements SlaRepository {
  final Map<String, Map<String, SlaDefinition>> definitions = new ConcurrentHashMap<>();
  final List<SlaAlert> breaches = new CopyOnWriteArrayList<>();

  @Override
  public List<SlaDefinition> definitions(String tenantId) {
    return List.copyOf(definitions.getOrDefault(tenantId, Map.of()).values());
  }

  @Override
  public Optional<SlaDefinition> definition(String tenantId, String id) {
    return Optional.ofNullable(definitions.getOrDefault(tenantId, Map.of()).get(id));
  }

  @Override
  public boolean saveDefinition(String tenantId, SlaDefinition d, String updatedBy, Instant at) {
    return definitions.computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>()).put(d.id(), d) == null;
  }

  @Override
  public boolean deleteDefinition(String tenantId, String id) {
    return definitions.getOrDefault(tenantId, new ConcurrentHashMap<>()).remove(id) != null;
  }

  @Override
  public List<String> tenantsWithDefinitions() {
    return definitions.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
  }

  @Override
  public synchronized boolean saveBreach(SlaAlert b) {
    boolean dup = breaches.stream().anyMatch(x -> x.tenantId().equals(b.tenantId())
        && x.definition().id().equals(b.definition().id()) && x.periodStart().equals(b.periodStart()));
    if (!dup) {
      breaches.add(b);
    }
    return !dup;
  }

  @Override
  public List<SlaAlert> breaches(String tenantId, Instant from, Instant to) {
    return new ArrayList<>(breaches);
  }

  @Override
  public Optional<WebhookConfig> webhook(String tenantId) {
    return Optional.empty();
  }

  @Override
  public void saveWebhook(String tenantId, WebhookConfig config, String updatedBy, Instant at) {}

  @Override
  public void saveDelivery(WebhookDelivery delivery) {}

  @Override
  public List<WebhookDelivery> deliveries(String tenantId, int limit) {
    return List.of();
  }
}

package org.atalaya.web.ivr;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.atalaya.core.ivr.IvrRepository;
import org.atalaya.core.routing.QueueConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each queue's service-level threshold ({@code serviceLevelSeconds}) in a tenant's stored routing
 * document, read when a report asks, so the KPIs judge a call by its queue's own threshold. A
 * queue the document does not list is not in the map: the KPIs' default (20 s) judges it.
 */
public final class QueueServiceLevels implements Function<String, Map<String, Duration>> {
  private static final Logger LOG = LoggerFactory.getLogger(QueueServiceLevels.class);

  private final IvrRepository store;
  private final ObjectMapper json;

  public QueueServiceLevels(IvrRepository store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  /** The tenant's queues to their threshold; none without a document, or with one that no longer reads. */
  @Override
  public Map<String, Duration> apply(String tenantId) {
    return store.routing(tenantId).map(body -> {
      try {
        Map<String, Duration> out = new HashMap<>();
        for (QueueConfig q : RoutingJson.routing(json.readTree(body)).queues()) {
          out.put(q.name(), Duration.ofSeconds(q.serviceLevelSeconds()));
        }
        return out;
      } catch (Exception e) {
        LOG.warn("tenant {}: stored routing unreadable, KPIs use the default service level: {}", tenantId,
            e.getMessage());
        return Map.<String, Duration>of();
      }
    }).orElse(Map.of());
  }
}

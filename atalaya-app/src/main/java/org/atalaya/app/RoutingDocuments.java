package org.atalaya.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.atalaya.core.ivr.IvrRepository;
import org.atalaya.core.routing.RoutingConfig;
import org.atalaya.web.ivr.RoutingJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a tenant's stored routing document at start, for the ACD. */
final class RoutingDocuments {
  private static final Logger LOG = LoggerFactory.getLogger(RoutingDocuments.class);

  private RoutingDocuments() {}

  /**
   * The tenant's routing, or empty when none is stored. A document that no longer reads (stored
   * before a rule was tightened) is logged and skipped: calls still flow, to plain queues.
   */
  static Optional<RoutingConfig> load(IvrRepository store, ObjectMapper json, String tenantId) {
    return store.routing(tenantId).flatMap(body -> {
      try {
        return Optional.of(RoutingJson.routing(json.readTree(body)));
      } catch (Exception e) {
        LOG.error("tenant {}: stored routing unreadable, queues run with defaults: {}", tenantId, e.getMessage());
        return Optional.empty();
      }
    });
  }
}

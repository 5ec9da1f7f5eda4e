package org.atalaya.web.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.atalaya.core.ivr.BusinessHours;
import org.atalaya.core.ivr.IvrDirectory;
import org.atalaya.core.ivr.IvrFlow;
import org.atalaya.core.ivr.IvrRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored IVR documents, parsed, as the call path reads them. Each call reads the store, so an
 * admin's edit applies to the next call; parsing is cached by the document's text, so an
 * unchanged flow is not parsed again. A document that no longer parses (stored before a rule
 * was tightened) is skipped with a warning rather than failing calls.
 */
public final class IvrCatalog implements IvrDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(IvrCatalog.class);

  /** A flow and the numbers that run it. */
  private record Parsed(IvrFlow flow, List<String> numbers) {}

  private final IvrRepository store;
  private final ObjectMapper mapper;
  private final Map<String, Optional<Parsed>> flows = new ConcurrentHashMap<>();
  private final Map<String, Optional<BusinessHours>> hours = new ConcurrentHashMap<>();

  public IvrCatalog(IvrRepository store, ObjectMapper mapper) {
    this.store = store;
    this.mapper = mapper;
  }

  @Override
  public Optional<IvrFlow> forNumber(String tenantId, String number) {
    if (number == null) {
      return Optional.empty();
    }
    for (String id : store.flowIds(tenantId)) {
      Optional<Parsed> p = parsed(tenantId, id);
      if (p.isPresent() && p.get().numbers().contains(number)) {
        return Optional.of(p.get().flow());
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<IvrFlow> flow(String tenantId, String flowId) {
    return parsed(tenantId, flowId).map(Parsed::flow);
  }

  @Override
  public BusinessHours hours(String tenantId) {
    return store.hours(tenantId).flatMap(body -> hours.computeIfAbsent(body, b -> {
      try {
        return Optional.of(IvrJson.hours(mapper.readTree(b)));
      } catch (Exception e) {
        LOG.warn("tenant {}: stored business hours unreadable, treated as always open: {}", tenantId, e.getMessage());
        return Optional.empty();
      }
    })).orElse(BusinessHours.ALWAYS_OPEN);
  }

  private Optional<Parsed> parsed(String tenantId, String flowId) {
    return store.flow(tenantId, flowId).flatMap(body -> flows.computeIfAbsent(body, b -> {
      try {
        JsonNode doc = mapper.readTree(b);
        return Optional.of(new Parsed(IvrJson.flow(doc), IvrJson.numbers(doc)));
      } catch (Exception e) {
        LOG.warn("tenant {}: stored IVR flow {} unreadable, skipped: {}", tenantId, flowId, e.getMessage());
        return Optional.empty();
      }
    }));
  }
}

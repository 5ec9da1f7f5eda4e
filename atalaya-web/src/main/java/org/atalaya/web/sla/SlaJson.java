package org.atalaya.web.sla;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;
import org.atalaya.core.sla.SlaComparator;
import org.atalaya.core.sla.SlaDefinition;
import org.atalaya.core.sla.SlaMetric;
import org.atalaya.core.sla.SlaPeriod;

/**
 * SLA definitions in JSON: read field by field so a bad one answers 400 naming the field, and the
 * SLA enums written by their API names (serviceLevel, at-most, 1h) in every answer and event.
 */
public final class SlaJson {
  /** Without it a period of fewer calls can breach: "1 abandoned of 1" would read 100 %. */
  static final int DEFAULT_MIN_CALLS = 10;
  private static final Set<String> FIELDS = Set.of("id", "name", "metric", "comparator", "target", "thresholdSeconds",
      "queue", "period", "zone", "minCalls");

  private SlaJson() {}

  /** The module {@code Json.mapper()} registers: SLA enums as their wire names. */
  public static SimpleModule module() {
    SimpleModule m = new SimpleModule("atalaya-sla");
    m.addSerializer(SlaMetric.class, wire(SlaMetric::wire));
    m.addSerializer(SlaComparator.class, wire(SlaComparator::wire));
    m.addSerializer(SlaPeriod.class, wire(SlaPeriod::wire));
    return m;
  }

  private static <E> JsonSerializer<E> wire(Function<E, String> name) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(E value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeString(name.apply(value));
      }
    };
  }

  /**
   * {@code {"name", "metric", "comparator", "target", "thresholdSeconds", "queue", "period", "zone",
   * "minCalls"}}; the id comes from the URL (a body "id" must match it). thresholdSeconds defaults
   * to 20 for serviceLevel, zone to UTC, minCalls to {@value #DEFAULT_MIN_CALLS}.
   */
  static SlaDefinition definition(String id, JsonNode doc) {
    if (doc == null || !doc.isObject()) {
      throw new IllegalArgumentException("body: a JSON object (see docs/KPIS.md)");
    }
    for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException(f + ": unknown field");
      }
    }
    if (doc.hasNonNull("id") && !doc.get("id").asText().equals(id)) {
      throw new IllegalArgumentException("id: the body's '" + doc.get("id").asText() + "' differs from the URL's '"
          + id + "'");
    }
    SlaMetric metric = SlaMetric.parse(text(doc, "metric"));
    // Not a ternary: mixing int and null in one would unbox the null.
    Integer threshold = null;
    if (doc.hasNonNull("thresholdSeconds")) {
      threshold = integer(doc, "thresholdSeconds");
    } else if (metric == SlaMetric.SERVICE_LEVEL) {
      threshold = 20;
    }
    JsonNode target = doc.get("target");
    if (target == null || !target.isNumber()) {
      throw new IllegalArgumentException("target: a number is required");
    }
    String zone = doc.hasNonNull("zone") ? doc.get("zone").asText() : "UTC";
    ZoneId zoneId;
    try {
      zoneId = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("zone: a time zone such as Europe/Madrid, got '" + zone + "'");
    }
    return new SlaDefinition(id, doc.hasNonNull("name") ? doc.get("name").asText() : null, metric,
        SlaComparator.parse(text(doc, "comparator")), target.asDouble(), threshold,
        doc.hasNonNull("queue") ? doc.get("queue").asText() : null, SlaPeriod.parse(text(doc, "period")), zoneId,
        doc.hasNonNull("minCalls") ? integer(doc, "minCalls") : DEFAULT_MIN_CALLS);
  }

  private static String text(JsonNode doc, String field) {
    JsonNode v = doc.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(field + ": required");
    }
    return v.asText();
  }

  private static int integer(JsonNode doc, String field) {
    JsonNode v = doc.get(field);
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new IllegalArgumentException(field + ": a whole number, got " + v);
    }
    return v.asInt();
  }
}

package org.atalaya.web.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.atalaya.core.routing.QueueConfig;
import org.atalaya.core.routing.RoutingConfig;
import org.atalaya.core.routing.Strategy;
import org.atalaya.core.routing.Trunk;

/**
 * A tenant's routing document as JSON ({@code docs/ROUTING.md}): queues, agents' skills and
 * pause reasons. Every error names its field, e.g. {@code queues.finance.wrapUpSeconds}.
 */
public final class RoutingJson {
  private RoutingJson() {}

  public static RoutingConfig routing(JsonNode doc) {
    List<QueueConfig> queues = new ArrayList<>();
    JsonNode list = doc.path("queues");
    if (!list.isMissingNode() && !list.isArray()) {
      throw new IllegalArgumentException("queues: a list of queues");
    }
    int i = 0;
    for (JsonNode q : list) {
      String at = "queues." + (q.path("name").isTextual() ? q.path("name").asText() : String.valueOf(i));
      queues.add(queue(q, at));
      i++;
    }
    Map<String, Map<String, Integer>> skills = new HashMap<>();
    JsonNode agents = doc.path("agents");
    for (Iterator<Map.Entry<String, JsonNode>> it = agents.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      skills.put(e.getKey(), levels(e.getValue(), "agents." + e.getKey()));
    }
    List<String> reasons = new ArrayList<>();
    for (JsonNode r : doc.path("pauseReasons")) {
      reasons.add(r.asText());
    }
    JsonNode trunk = doc.path("trunk");
    Trunk outside = null;
    if (!trunk.isMissingNode() && !trunk.isNull()) {
      if (!trunk.isObject()) {
        throw new IllegalArgumentException("trunk: an object such as {\"uri\": \"sip:gw.example.net:5060\"}");
      }
      outside = new Trunk(trunk.path("uri").asText(null), trunk.path("transport").asText(null));
    }
    return new RoutingConfig(queues, skills, reasons, outside);
  }

  private static QueueConfig queue(JsonNode q, String at) {
    String name = IvrJson.text(q, "name", at + ".name");
    String strategyName = q.path("strategy").asText("longest-idle");
    Strategy strategy = Strategy.parse(strategyName);
    if (strategy == null) {
      throw new IllegalArgumentException(at + ".strategy: longest-idle, least-talk-time, fewest-calls, ring-all"
          + " or round-robin, got '" + strategyName + "'");
    }
    int wrapUp = IvrJson.integer(q, "wrapUpSeconds", 0, 0, 1800, at);
    int maxWait = IvrJson.integer(q, "maxWaitSeconds", 300, 10, 14400, at);
    int serviceLevel = IvrJson.integer(q, "serviceLevelSeconds", 20, 1, 3600, at);
    int announceEvery = IvrJson.integer(q, "announceEverySeconds", 0, 0, 600, at);
    String overflow = q.hasNonNull("overflow") ? IvrJson.text(q, "overflow", at + ".overflow") : null;
    JsonNode csat = q.path("csatSurvey");
    if (!csat.isMissingNode() && !csat.isBoolean()) {
      throw new IllegalArgumentException(at + ".csatSurvey: true or false, got " + csat);
    }
    JsonNode voicemail = q.path("voicemail");
    if (!voicemail.isMissingNode() && !voicemail.isBoolean()) {
      throw new IllegalArgumentException(at + ".voicemail: true or false, got " + voicemail);
    }
    JsonNode key = q.path("callbackKey");
    if (!key.isMissingNode() && !key.isNull() && (!key.isTextual() || key.asText().length() != 1)) {
      throw new IllegalArgumentException(at + ".callbackKey: one key, \"0\"-\"9\", \"*\" or \"#\", got " + key);
    }
    Character callbackKey = key.isTextual() ? key.asText().charAt(0) : null;
    try {
      return new QueueConfig(name, strategy, levels(q.path("skills"), at + ".skills"), Duration.ofSeconds(wrapUp),
          Duration.ofSeconds(maxWait), overflow, serviceLevel, csat.asBoolean(false), callbackKey,
          Duration.ofSeconds(announceEvery), voicemail.asBoolean(false));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": " + e.getMessage());
    }
  }

  private static Map<String, Integer> levels(JsonNode n, String at) {
    if (n.isMissingNode() || n.isNull()) {
      return Map.of();
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException(at + ": an object of skill to level, e.g. {\"billing\": 5}");
    }
    Map<String, Integer> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), IvrJson.integer(n, e.getKey(), 0, 1, 10, at));
    }
    return out;
  }
}

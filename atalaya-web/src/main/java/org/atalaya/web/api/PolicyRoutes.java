package org.atalaya.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.atalaya.core.recording.policy.PolicyRule;
import org.atalaya.core.recording.policy.PolicyService;
import org.atalaya.core.recording.policy.RecordingMode;
import org.atalaya.core.recording.policy.RecordingPolicy;
import org.atalaya.core.users.Role;
import org.atalaya.web.ApiException;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/**
 * {@code GET/PUT /api/v1/recording-policy}: the tenant's recording policy. Admins change it;
 * admins, supervisors and auditors read it. A bad policy is refused whole with the offending
 * field named (e.g. {@code rules[1].samplePercent}); nothing is half-applied.
 */
public final class PolicyRoutes {
  private static final Set<String> TOP = Set.of("mode", "queueModes", "rules", "consent");
  private static final Set<String> RULE = Set.of("action", "queue", "agent", "direction", "callerPattern",
      "newCustomer", "samplePercent");
  private final Authenticator auth;
  private final PolicyService policies;
  private final ObjectMapper mapper;

  public PolicyRoutes(Authenticator auth, PolicyService policies, ObjectMapper mapper) {
    this.auth = auth;
    this.policies = policies;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/recording-policy", ctx -> {
      Principal p = auth.require(ctx).requireRole(Role.ADMIN, Role.SUPERVISOR, Role.AUDITOR);
      ctx.json(view(policies.get(p.tenantId())));
    });
    routes.put("/api/v1/recording-policy", this::replace);
  }

  private void replace(Context ctx) {
    Principal p = auth.require(ctx);
    p.requireAdmin();
    JsonNode body;
    try {
      body = mapper.readTree(ctx.body());
    } catch (Exception e) {
      throw ApiException.badRequest("body must be a JSON policy: {\"mode\": \"all\", \"rules\": [], \"consent\": {...}}");
    }
    RecordingPolicy policy = parse(body);
    ctx.json(view(policies.replace(p.tenantId(), policy, p.login())));
  }

  static RecordingPolicy parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("the policy must be a JSON object");
    }
    unknown(body, TOP, "");
    RecordingMode mode = field("mode", () -> RecordingMode.parse(body.path("mode").asText("all")));
    Map<String, RecordingMode> queues = new LinkedHashMap<>();
    JsonNode q = body.path("queueModes");
    if (!q.isMissingNode() && !q.isObject()) {
      throw ApiException.badRequest("queueModes must be an object of queue name to mode");
    }
    q.fields().forEachRemaining(e -> queues.put(e.getKey(),
        field("queueModes." + e.getKey(), () -> RecordingMode.parse(e.getValue().asText()))));
    List<PolicyRule> rules = new ArrayList<>();
    JsonNode r = body.path("rules");
    if (!r.isMissingNode() && !r.isArray()) {
      throw ApiException.badRequest("rules must be an array");
    }
    for (int i = 0; i < r.size(); i++) {
      JsonNode n = r.get(i);
      String at = "rules[" + i + "]";
      if (!n.isObject()) {
        throw ApiException.badRequest(at + " must be an object");
      }
      unknown(n, RULE, at + ".");
      rules.add(field(at, () -> new PolicyRule(PolicyRule.action(text(n, "action")), text(n, "queue"), text(n, "agent"),
          text(n, "direction") == null ? null : text(n, "direction").toUpperCase(Locale.ROOT), text(n, "callerPattern"),
          n.hasNonNull("newCustomer") ? bool(n, "newCustomer", at) : null,
          n.hasNonNull("samplePercent") ? integer(n, "samplePercent", at) : null)));
    }
    JsonNode c = body.path("consent");
    RecordingPolicy.Consent consent = field("consent", () -> {
      if (c.isMissingNode() || c.isNull()) {
        return RecordingPolicy.Consent.NONE;
      }
      unknown(c, Set.of("announce", "optOutKey"), "consent.");
      String key = text(c, "optOutKey");
      if (key != null && key.length() != 1) {
        throw new IllegalArgumentException("optOutKey must be one digit");
      }
      return new RecordingPolicy.Consent(c.path("announce").asBoolean(false), key == null ? null : key.charAt(0));
    });
    return new RecordingPolicy(mode, queues, rules, consent);
  }

  static Map<String, Object> view(RecordingPolicy p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", label(p.mode().name()));
    Map<String, String> queues = new LinkedHashMap<>();
    p.queueModes().forEach((k, v) -> queues.put(k, label(v.name())));
    m.put("queueModes", queues);
    List<Map<String, Object>> rules = new ArrayList<>();
    for (PolicyRule r : p.rules()) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("action", label(r.action().name()));
      putIf(n, "queue", r.queue());
      putIf(n, "agent", r.agent());
      putIf(n, "direction", r.direction() == null ? null : r.direction().toLowerCase(Locale.ROOT));
      putIf(n, "callerPattern", r.callerPattern());
      putIf(n, "newCustomer", r.newCustomer());
      putIf(n, "samplePercent", r.samplePercent());
      rules.add(n);
    }
    m.put("rules", rules);
    Map<String, Object> consent = new LinkedHashMap<>();
    consent.put("announce", p.consent().announce());
    putIf(consent, "optOutKey", p.consent().optOutKey() == null ? null : String.valueOf(p.consent().optOutKey()));
    m.put("consent", consent);
    return m;
  }

  private static String label(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static void putIf(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  private static void unknown(JsonNode n, Set<String> known, String prefix) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw ApiException.badRequest("unknown field " + prefix + f + "; known: " + known);
      }
    }
  }

  private static String text(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static boolean bool(JsonNode n, String f, String at) {
    if (!n.get(f).isBoolean()) {
      throw ApiException.badRequest(at + "." + f + " must be true or false");
    }
    return n.get(f).asBoolean();
  }

  private static int integer(JsonNode n, String f, String at) {
    if (!n.get(f).canConvertToInt() || !n.get(f).isIntegralNumber()) {
      throw ApiException.badRequest(at + "." + f + " must be a whole number");
    }
    return n.get(f).asInt();
  }

  private static <T> T field(String at, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(at + ": " + e.getMessage());
    }
  }
}

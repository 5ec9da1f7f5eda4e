package org.atalaya.store.policy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atalaya.core.recording.policy.PolicyRepository;
import org.atalaya.core.recording.policy.PolicyRule;
import org.atalaya.core.recording.policy.RecordingMode;
import org.atalaya.core.recording.policy.RecordingPolicy;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Recording policies in {@code recording_policies}, {@code recording_queue_modes}, {@code recording_rules}. */
public final class JdbiPolicyRepository implements PolicyRepository {
  private final Jdbi jdbi;

  public JdbiPolicyRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<RecordingPolicy> find(String tenantId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT mode, consent_announce, consent_opt_out_key FROM recording_policies"
            + " WHERE tenant_id = :tenant")
        .bind("tenant", tenantId)
        .map((rs, ctx) -> {
          String key = rs.getString("consent_opt_out_key");
          return new Head(RecordingMode.valueOf(rs.getString("mode")), rs.getBoolean("consent_announce"),
              key == null || key.isEmpty() ? null : key.charAt(0));
        })
        .findOne()
        .map(head -> new RecordingPolicy(head.mode(), queueModes(h, tenantId), rules(h, tenantId),
            new RecordingPolicy.Consent(head.announce(), head.optOutKey()))));
  }

  @Override
  public void save(String tenantId, RecordingPolicy p, String updatedBy, Instant at) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM recording_rules WHERE tenant_id = :t").bind("t", tenantId).execute();
      h.createUpdate("DELETE FROM recording_queue_modes WHERE tenant_id = :t").bind("t", tenantId).execute();
      h.createUpdate("DELETE FROM recording_policies WHERE tenant_id = :t").bind("t", tenantId).execute();
      h.createUpdate("INSERT INTO recording_policies (tenant_id, mode, consent_announce, consent_opt_out_key,"
              + " updated_at, updated_by) VALUES (:t, :mode, :announce, :key, :at, :by)")
          .bind("t", tenantId).bind("mode", p.mode().name()).bind("announce", p.consent().announce())
          .bind("key", p.consent().optOutKey() == null ? null : String.valueOf(p.consent().optOutKey()))
          .bind("at", at.toEpochMilli()).bind("by", updatedBy).execute();
      for (var e : p.queueModes().entrySet()) {
        h.createUpdate("INSERT INTO recording_queue_modes (tenant_id, queue_name, mode) VALUES (:t, :q, :m)")
            .bind("t", tenantId).bind("q", e.getKey()).bind("m", e.getValue().name()).execute();
      }
      int position = 0;
      for (PolicyRule r : p.rules()) {
        h.createUpdate("INSERT INTO recording_rules (tenant_id, position, action, queue_name, agent_extension,"
                + " direction, caller_pattern, new_customer, sample_percent) VALUES (:t, :pos, :action, :queue, :agent,"
                + " :direction, :pattern, :newCustomer, :sample)")
            .bind("t", tenantId).bind("pos", position++).bind("action", r.action().name()).bind("queue", r.queue())
            .bind("agent", r.agent()).bind("direction", r.direction()).bind("pattern", r.callerPattern())
            .bind("newCustomer", r.newCustomer()).bind("sample", r.samplePercent()).execute();
      }
    });
  }

  private static Map<String, RecordingMode> queueModes(Handle h, String tenantId) {
    Map<String, RecordingMode> modes = new LinkedHashMap<>();
    h.createQuery("SELECT queue_name, mode FROM recording_queue_modes WHERE tenant_id = :t ORDER BY queue_name")
        .bind("t", tenantId)
        .map((rs, ctx) -> Map.entry(rs.getString("queue_name"), RecordingMode.valueOf(rs.getString("mode"))))
        .forEach(e -> modes.put(e.getKey(), e.getValue()));
    return modes;
  }

  private static List<PolicyRule> rules(Handle h, String tenantId) {
    return h.createQuery("SELECT action, queue_name, agent_extension, direction, caller_pattern, new_customer,"
            + " sample_percent FROM recording_rules WHERE tenant_id = :t ORDER BY position")
        .bind("t", tenantId)
        .map((rs, ctx) -> new PolicyRule(PolicyRule.Action.valueOf(rs.getString("action")), rs.getString("queue_name"),
            rs.getString("agent_extension"), rs.getString("direction"), rs.getString("caller_pattern"),
            (Boolean) rs.getObject("new_customer"), (Integer) rs.getObject("sample_percent")))
        .list();
  }

  private record Head(RecordingMode mode, boolean announce, Character optOutKey) {}
}

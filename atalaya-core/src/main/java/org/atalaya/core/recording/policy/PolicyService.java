package org.atalaya.core.recording.policy;

import java.time.Clock;
import java.util.Objects;
import java.util.stream.Collectors;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;

/** Reads and replaces tenants' recording policies; every change is audited with before and after. */
public final class PolicyService {
  private final PolicyRepository repository;
  private final AuditLog audit;
  private final Clock clock;

  public PolicyService(PolicyRepository repository, AuditLog audit, Clock clock) {
    this.repository = Objects.requireNonNull(repository);
    this.audit = Objects.requireNonNull(audit);
    this.clock = Objects.requireNonNull(clock);
  }

  /** The tenant's policy, or {@link RecordingPolicy#DEFAULT} (record all, no announcement). */
  public RecordingPolicy get(String tenantId) {
    return repository.find(tenantId).orElse(RecordingPolicy.DEFAULT);
  }

  /** Replaces the tenant's policy and audits the change ({@code policy.change}). */
  public RecordingPolicy replace(String tenantId, RecordingPolicy policy, String actor) {
    RecordingPolicy before = get(tenantId);
    repository.save(tenantId, policy, actor, clock.instant());
    audit.append(new AuditEvent(tenantId, clock.instant(), actor, "policy.change", "recording-policy",
        "before: " + summary(before) + " | after: " + summary(policy)));
    return policy;
  }

  /** One line a compliance officer can read in the audit log. */
  static String summary(RecordingPolicy p) {
    String queues = p.queueModes().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    String rules = p.rules().stream().map(r -> r.action() + fields(r)).collect(Collectors.joining(";"));
    return "mode=" + p.mode() + (queues.isEmpty() ? "" : " queues[" + queues + "]") + " rules[" + rules + "]"
        + " consent=" + (p.consent().announce() ? "announce" : "none")
        + (p.consent().optOutKey() == null ? "" : " optOut=" + p.consent().optOutKey());
  }

  private static String fields(PolicyRule r) {
    StringBuilder b = new StringBuilder();
    append(b, "queue", r.queue());
    append(b, "agent", r.agent());
    append(b, "direction", r.direction());
    append(b, "caller", r.callerPattern());
    append(b, "new", r.newCustomer());
    append(b, "sample", r.samplePercent());
    return b.isEmpty() ? "" : "(" + b + ")";
  }

  private static void append(StringBuilder b, String name, Object value) {
    if (value != null) {
      b.append(b.isEmpty() ? "" : " ").append(name).append('=').append(value);
    }
  }
}

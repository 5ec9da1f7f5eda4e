package org.atalaya.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One audited action: who did what to which object, when.
 *
 * @param tenantId the tenant whose data was touched
 * @param at when it happened
 * @param actor the login (web/API), {@code sip:<extension>} (a phone), or {@code system}
 * @param action a dotted verb, e.g. {@code monitor.start}, {@code monitor.mode}, {@code monitor.end}
 * @param target the object, e.g. {@code call:<id>}
 * @param detail free text such as {@code mode=whisper via=browser}; may be empty, never null
 */
public record AuditEvent(String tenantId, Instant at, String actor, String action, String target, String detail) {
  public AuditEvent {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(detail, "detail");
  }
}

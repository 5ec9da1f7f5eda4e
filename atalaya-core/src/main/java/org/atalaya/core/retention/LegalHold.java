package org.atalaya.core.retention;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A legal hold: while active, no recording it covers may be deleted, by retention or by anyone.
 *
 * @param id database id (0 before it is stored)
 * @param tenantId the tenant
 * @param kind CALL (one call), AGENT (every recording of an agent, also future ones while the
 *     hold lasts) or CASE (a named list of calls)
 * @param target the call id, the agent's extension, or the case name
 * @param reason why, for the record (a court order, a complaint number)
 * @param createdBy who placed it
 * @param createdAt when
 * @param releasedBy who released it, or null while active
 * @param releasedAt when, or null
 * @param callIds for a CASE, the calls it holds; else empty
 */
public record LegalHold(long id, String tenantId, Kind kind, String target, String reason, String createdBy,
    Instant createdAt, String releasedBy, Instant releasedAt, List<String> callIds) {

  /** What a hold is placed on. */
  public enum Kind {
    CALL, AGENT, CASE;

    public static Kind parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("hold kind must be call, agent or case, got '" + text + "'");
      }
    }
  }

  public LegalHold {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(kind, "kind");
    if (target == null || target.isBlank() || target.length() > 128) {
      throw new IllegalArgumentException("a hold needs a target (call id, agent extension or case name), up to 128 characters");
    }
    if (reason == null || reason.isBlank() || reason.length() > 500) {
      throw new IllegalArgumentException("a hold needs a reason, up to 500 characters");
    }
    callIds = callIds == null ? List.of() : List.copyOf(callIds);
    if (kind == Kind.CASE && callIds.isEmpty()) {
      throw new IllegalArgumentException("a case hold needs the ids of the calls it holds");
    }
  }

  public boolean active() {
    return releasedAt == null;
  }

  /** Whether this (active) hold covers a recording of {@code callId} by {@code agent}. */
  public boolean covers(String callId, String agent) {
    return active() && switch (kind) {
      case CALL -> target.equals(callId);
      case AGENT -> target.equals(agent);
      case CASE -> callIds.contains(callId);
    };
  }

  /** How the hold is named in errors and the audit log. */
  public String label() {
    return "hold " + id + " (" + kind.name().toLowerCase(Locale.ROOT) + " " + target + ")";
  }
}

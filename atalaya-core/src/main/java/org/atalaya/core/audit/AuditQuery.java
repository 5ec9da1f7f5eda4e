package org.atalaya.core.audit;

import java.time.Instant;

/**
 * Filters for browsing the audit log; null fields do not filter.
 *
 * @param actor exact login
 * @param action exact action, or a prefix ending in '.' ("login." finds login.ok, login.fail, ...)
 * @param target exact target such as {@code recording:<id>} or {@code call:<id>}
 * @param from inclusive
 * @param to exclusive
 */
public record AuditQuery(String actor, String action, String target, Instant from, Instant to) {
  public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null);

  public AuditQuery {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from: must be before to");
    }
  }
}

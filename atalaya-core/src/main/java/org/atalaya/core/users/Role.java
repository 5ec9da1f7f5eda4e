package org.atalaya.core.users;

import java.util.Locale;

/** What a web/API user may do. */
public enum Role {
  ADMIN,
  SUPERVISOR,
  QA_ANALYST,
  AGENT,
  AUDITOR,
  CLIENT_VIEWER;

  /** Parses "admin", "qa-analyst", "QA_ANALYST"; throws with the valid names otherwise. */
  public static Role parse(String text) {
    String norm = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Role r : values()) {
      if (r.name().equals(norm)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + text + "': use admin, supervisor, qa-analyst, agent, auditor or client-viewer");
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

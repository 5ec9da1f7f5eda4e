package org.atalaya.core.recording.policy;

import java.util.Locale;

/** How a tenant's (or a queue's) calls are recorded. */
public enum RecordingMode {
  /** Every call, from the moment the agent answers. */
  ALL,
  /** Only when the agent or a supervisor starts it (web, API or the agent's *1; *2 stops). */
  ON_DEMAND,
  /** Only calls that a RECORD rule matches. */
  SELECTIVE;

  public static RecordingMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unknown recording mode '" + text + "': use all, on-demand or selective");
    }
  }
}

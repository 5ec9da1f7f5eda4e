package org.atalaya.media;

import java.util.Locale;

/**
 * How a third party (a supervisor) takes part in a bridged call: one row of the hearing matrix.
 * The supervisor always hears the customer and the agent (and whoever the customer hears); the
 * mode says who hears the supervisor.
 */
public enum MonitorMode {
  /** Nobody hears the supervisor. */
  LISTEN,
  /** Only the agent hears the supervisor. */
  WHISPER,
  /** Customer and agent hear the supervisor. */
  BARGE,
  /** The supervisor replaces the agent: the customer hears only the supervisor. */
  TAKE_OVER;

  /** Whether the customer (and the recording's right channel) hears a supervisor in this mode. */
  public boolean customerHears() {
    return this == BARGE || this == TAKE_OVER;
  }

  /** Whether the agent hears a supervisor in this mode. */
  public boolean agentHears() {
    return this == WHISPER || this == BARGE;
  }

  /** The lower-case, hyphenated name used in APIs: listen, whisper, barge, take-over. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses "listen", "take-over", "TAKE_OVER", "takeover"; throws naming the valid values. */
  public static MonitorMode parse(String text) {
    if (text != null) {
      String norm = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      if (norm.equals("TAKEOVER")) {
        return TAKE_OVER;
      }
      for (MonitorMode m : values()) {
        if (m.name().equals(norm)) {
          return m;
        }
      }
    }
    throw new IllegalArgumentException("unknown monitoring mode '" + text + "': use listen, whisper, barge or take-over");
  }
}

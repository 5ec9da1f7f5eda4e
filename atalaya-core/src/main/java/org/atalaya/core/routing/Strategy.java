package org.atalaya.core.routing;

/** How a queue picks among the agents free to take its oldest call. */
public enum Strategy {
  /** The agent who has waited longest since their last call (the fairest default). */
  LONGEST_IDLE,
  /** The agent with the least talk time since logging in: evens out the load of long calls. */
  LEAST_TALK_TIME,
  /** The agent who has answered the fewest calls since logging in. */
  FEWEST_CALLS,
  /** Every free agent rings at once; the first to answer takes the call. */
  RING_ALL,
  /** Agents in extension order, starting after the one who took the queue's previous call. */
  ROUND_ROBIN;

  /** Parses "longest-idle", "ring_all", "RING-ALL" ...; null for an unknown name. */
  public static Strategy parse(String name) {
    if (name == null) {
      return null;
    }
    String n = name.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    for (Strategy s : values()) {
      if (s.name().equals(n)) {
        return s;
      }
    }
    return null;
  }

  /** The API's spelling: "longest-idle". */
  public String apiName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}

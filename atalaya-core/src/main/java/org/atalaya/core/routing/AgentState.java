package org.atalaya.core.routing;

/** Where an agent is, as the ACD and the dashboard see it. */
public enum AgentState {
  /** Not registered. */
  OFFLINE,
  /** Registered and free. */
  AVAILABLE,
  /** Being offered a call. */
  RINGING,
  /** Talking with a customer. */
  ON_CALL
}

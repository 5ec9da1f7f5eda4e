package org.atalaya.core.routing;

/** Where an agent is, as the ACD and the dashboard see it. */
public enum AgentState {
  /** The phone is not registered. */
  OFFLINE,
  /** Registered but logged out of the queues: takes no queue calls. */
  LOGGED_OUT,
  /** Logged in and free. */
  AVAILABLE,
  /** Being offered a call. */
  RINGING,
  /** Talking with a customer. */
  ON_CALL,
  /** After-call work: the queue's wrap-up time, or until the agent says ready. */
  WRAP_UP,
  /** Logged in but paused, with a reason (break, lunch, training...). */
  PAUSED
}

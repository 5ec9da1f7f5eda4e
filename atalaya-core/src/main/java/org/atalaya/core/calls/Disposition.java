package org.atalaya.core.calls;

/** How a call ended, for the call detail record. */
public enum Disposition {
  /** An agent answered. */
  ANSWERED,
  /** The caller hung up before an agent answered. */
  ABANDONED,
  /** No agent answered (none available, all declined or timed out); the caller heard a message. */
  UNANSWERED,
  /**
   * It ended in the IVR and never reached a queue: the IVR served the caller (self-service), or
   * the caller hung up there. Not a queue call for the KPIs.
   */
  IVR,
  /** A technical failure (bad SDP, media error) ended it. */
  FAILED
}

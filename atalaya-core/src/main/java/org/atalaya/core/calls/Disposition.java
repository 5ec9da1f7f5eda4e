package org.atalaya.core.calls;

/** How a call ended, for the call detail record. */
public enum Disposition {
  /** An agent answered. */
  ANSWERED,
  /** The caller hung up before an agent answered. */
  ABANDONED,
  /** No agent answered (none available, all declined or timed out); the caller heard a message. */
  UNANSWERED,
  /** A technical failure (bad SDP, media error) ended it. */
  FAILED
}

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
  /**
   * The caller left a message in a queue's mailbox (an IVR's voicemail step); the call's queue is
   * the mailbox and its recording the message. Not a queue call for the KPIs.
   */
  VOICEMAIL,
  /** A technical failure (bad SDP, media error) ended it. */
  FAILED
}

package org.atalaya.sip;

/** Why a leg ended, as the SIP layer saw it. */
public enum HangupCause {
  /** The remote party sent BYE. */
  REMOTE_BYE,
  /** The remote caller sent CANCEL before an answer. */
  REMOTE_CANCEL,
  /** We ended it (hangup, cancel or reject). */
  LOCAL,
  /** The transaction timed out or the transport failed. */
  TIMEOUT
}

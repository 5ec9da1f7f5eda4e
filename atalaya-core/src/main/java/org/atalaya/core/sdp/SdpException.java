package org.atalaya.core.sdp;

/** An SDP body Atalaya cannot use; the message says why, for logs and the 488 reason. */
public final class SdpException extends Exception {
  public SdpException(String message) {
    super(message);
  }
}

package org.atalaya.sip;

/** Receives new incoming calls. Called on a SIP thread: hand the call off and return. */
@FunctionalInterface
public interface CallHandler {
  void onIncomingCall(InboundCall call);

  /**
   * Whether an INVITE to {@code dialledUser} must carry digest credentials even from a trusted
   * network (feature codes, which act with the caller's authority). Called on a SIP thread.
   */
  default boolean requiresAuthentication(String dialledUser) {
    return false;
  }
}

package org.atalaya.sip;

/** Receives new incoming calls. Called on a SIP thread: hand the call off and return. */
@FunctionalInterface
public interface CallHandler {
  void onIncomingCall(InboundCall call);
}

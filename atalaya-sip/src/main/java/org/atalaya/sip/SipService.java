package org.atalaya.sip;

import java.util.Optional;

/**
 * Atalaya's SIP edge: registrar with digest authentication and the B2BUA's legs. Implemented
 * by {@code org.atalaya.sip.jain.JainSipService} on the JAIN-SIP reference stack.
 */
public interface SipService extends AutoCloseable {
  /** Binds UDP and TCP and starts serving. */
  void start() throws Exception;

  /** The current binding of a user, if registered and not expired. */
  Optional<Registration> registration(String user);

  /** Sends an INVITE; progress goes to the listener. */
  OutboundCall dial(DialRequest request, OutboundCallListener listener);

  /** Legs (dialogs and pending transactions) currently tracked, for leak checks. */
  int activeLegs();

  /** Stops listening and releases the stack. */
  @Override
  void close();
}

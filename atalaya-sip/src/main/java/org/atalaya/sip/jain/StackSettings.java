package org.atalaya.sip.jain;

import java.util.Properties;
import org.atalaya.sip.SipConfig;

/** The JAIN-SIP stack's properties for Atalaya's edge, each with the reason it is set. */
final class StackSettings {
  /**
   * How long the rest of a TCP message may take once its first line came (ms): a peer that
   * announces more body than it sends has its connection closed then (RFC 4475 3.1.2.2), instead of
   * holding it for good.
   */
  static final int STREAM_READ_TIMEOUT_MS = 8000;

  private StackSettings() {}

  static Properties of(SipConfig config, String stackName) {
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", stackName);
    // Automatic dialogs: the stack matches ACK, BYE and re-INVITE to dialogs for us; a B2BUA
    // that answers every INVITE itself gains nothing from managing them by hand.
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "16");
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
    p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
    p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
    p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
    // Every response goes back to the address and port the request came from (RFC 3581's rport,
    // applied whether the phone asked or not): a phone behind NAT, or a peer whose Via names a
    // host or port it does not listen on, still hears the answer, and no Via host is ever used.
    p.setProperty("gov.nist.javax.sip.ALWAYS_ADD_RPORT", "true");
    // A response to a request this stack never sent is dropped: otherwise a stray 2xx made a
    // dialog and an ACK to whatever host its Contact named (RFC 4475 3.3.10's broadcast Via too).
    p.setProperty("gov.nist.javax.sip.REJECT_STRAY_RESPONSES", "true");
    // Malformed requests become stand-ins the valve answers with a fixed reason (ScreeningMessageParser).
    p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", ScreeningParserFactory.class.getName());
    // Every request is screened before it makes a transaction (ScreenValve, RequestScreen).
    p.setProperty("gov.nist.javax.sip.SIP_MESSAGE_VALVE", ScreenValve.class.getName());
    p.setProperty("gov.nist.javax.sip.READ_TIMEOUT", Integer.toString(STREAM_READ_TIMEOUT_MS));
    // TCP input reaches the stack's stream parser only as whole, tidy messages (StreamFramer):
    // some inputs killed that parser's thread and left the connection unread.
    p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", FramingNetworkLayer.class.getName());
    return p;
  }
}

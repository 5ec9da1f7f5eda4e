package org.atalaya.sip.jain;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.Dialog;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.atalaya.sip.SipConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stack's factories and provider, shared by the registrar and the legs. */
final class SipContext {
  private static final Logger LOG = LoggerFactory.getLogger(SipContext.class);
  final SipConfig config;
  final SipProvider provider;
  final AddressFactory addresses;
  final HeaderFactory headers;
  final MessageFactory messages;
  /**
   * Live legs by their dialog's identity on our side: Call-ID and our own tag (RFC 3261 12).
   * A request or a dialog timeout is matched here when the stack's dialog object does not carry
   * the leg. No run has needed it so far (the lost hang-ups at 200 calls/s were messages the
   * overloaded stack dropped); it stays so that such a mismatch ends the call and is logged,
   * where before it left the call up with no trace.
   */
  final Map<String, Object> legs = new ConcurrentHashMap<>();

  SipContext(SipConfig config, SipProvider provider, AddressFactory addresses, HeaderFactory headers, MessageFactory messages) {
    this.config = config;
    this.provider = provider;
    this.addresses = addresses;
    this.headers = headers;
    this.messages = messages;
  }

  ContactHeader contact(String transport) throws java.text.ParseException {
    Address a = addresses.createAddress("<sip:atalaya@" + config.advertisedAddress() + ":" + config.port()
        + (transport.equalsIgnoreCase("tcp") ? ";transport=tcp" : "") + ">");
    return headers.createContactHeader(a);
  }

  static String dialogKey(String callId, String localTag) {
    return callId + '\n' + localTag;
  }

  /**
   * The leg an in-dialog request from the peer belongs to: the one its dialog carries, else the
   * one whose dialog id it names (its To tag is our tag), which the dialog then carries too.
   */
  Object legOf(Request request, Dialog dialog) {
    return legOf(dialog, request.getMethod(), ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId(),
        ((ToHeader) request.getHeader(ToHeader.NAME)).getTag());
  }

  /** The leg of a dialog the stack timed out: the same lookup, by the dialog's own id. */
  Object legOf(Dialog dialog) {
    return legOf(dialog, "timeout", dialog.getCallId() == null ? null : dialog.getCallId().getCallId(),
        dialog.getLocalTag());
  }

  private Object legOf(Dialog dialog, String what, String callId, String ourTag) {
    Object leg = dialog == null ? null : dialog.getApplicationData();
    if (leg != null) {
      return leg;
    }
    leg = callId == null || ourTag == null ? null : legs.get(dialogKey(callId, ourTag));
    if (leg != null) {
      Dialog own = leg instanceof ServerLeg s ? s.dialog() : leg instanceof ClientLeg c ? c.dialog() : null;
      LOG.info("{} for SIP Call-ID {} matched by dialog id: the stack gave it {}, the call has {}",
          what, callId, describe(dialog), describe(own));
      if (dialog != null) {
        dialog.setApplicationData(leg);
      }
    }
    return leg;
  }

  /**
   * Sends a BYE through the dialog; if it cannot be sent the dialog is deleted, for the stack
   * would otherwise keep it (it hands its timeouts to us, see Hangups).
   */
  void sendBye(Dialog d, String callId) {
    if (d == null) {
      LOG.warn("BYE for SIP Call-ID {} not sent: no dialog", callId);
      return;
    }
    try {
      d.sendRequest(provider.getNewClientTransaction(d.createRequest(Request.BYE)));
    } catch (Exception e) {
      LOG.warn("BYE for SIP Call-ID {} failed: {}", callId, e.toString());
      d.delete();
    }
  }

  private static String describe(Dialog d) {
    return d == null ? "no dialog" : "dialog " + System.identityHashCode(d) + " " + d.getDialogId() + " " + d.getState();
  }

  static String body(Message m) {
    byte[] raw = m.getRawContent();
    return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
  }
}

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
   * In-dialog requests are matched here when the stack's dialog object does not carry the leg:
   * under load the stack can match a BYE or an ACK to a dialog object other than the one our
   * leg's INVITE transaction created, and such a BYE was answered 200 and then lost, leaving
   * the call up with its agent busy and its recording open.
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
    Object leg = dialog == null ? null : dialog.getApplicationData();
    if (leg != null) {
      return leg;
    }
    String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    String ourTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
    leg = ourTag == null ? null : legs.get(dialogKey(callId, ourTag));
    if (leg != null) {
      Dialog own = leg instanceof ServerLeg s ? s.dialog() : leg instanceof ClientLeg c ? c.dialog() : null;
      LOG.info("{} for SIP Call-ID {} matched by dialog id: the stack gave it {}, the call has {}",
          request.getMethod(), callId, describe(dialog), describe(own));
      if (dialog != null) {
        dialog.setApplicationData(leg);
      }
    }
    return leg;
  }

  private static String describe(Dialog d) {
    return d == null ? "no dialog" : "dialog " + System.identityHashCode(d) + " " + d.getDialogId() + " " + d.getState();
  }

  static String body(Message m) {
    byte[] raw = m.getRawContent();
    return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
  }
}

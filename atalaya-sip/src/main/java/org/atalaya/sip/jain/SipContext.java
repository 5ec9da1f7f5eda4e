package org.atalaya.sip.jain;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import org.atalaya.sip.SipConfig;

/** The stack's factories and provider, shared by the registrar and the legs. */
final class SipContext {
  final SipConfig config;
  final SipProvider provider;
  final AddressFactory addresses;
  final HeaderFactory headers;
  final MessageFactory messages;
  final Set<Object> legs = ConcurrentHashMap.newKeySet();

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

  static String body(Message m) {
    byte[] raw = m.getRawContent();
    return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
  }
}

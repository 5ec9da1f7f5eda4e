package org.atalaya.core.routing;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a tenant's calls to outside numbers go: its carrier's or PBX's SIP gateway, which
 * authenticates Atalaya by address (as SIP trunks to contact centers usually do). Atalaya sends
 * the INVITE for {@code +34911222333} to {@code sip:+34911222333@<host>:<port>}, with the
 * customer's number as caller id.
 *
 * @param uri the gateway, {@code sip:host} or {@code sip:host:port}, without a user part
 * @param transport {@code udp} or {@code tcp}
 */
public record Trunk(String uri, String transport) {
  private static final Pattern URI = Pattern.compile("sip:[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");
  /** An outside number: an optional +, then 3 to 20 digits. */
  public static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,20}");

  public Trunk {
    if (uri == null || !URI.matcher(uri).matches()) {
      throw new IllegalArgumentException("trunk.uri: sip:host or sip:host:port, without a user part, got '" + uri + "'");
    }
    transport = transport == null ? "udp" : transport.toLowerCase(Locale.ROOT);
    if (!transport.equals("udp") && !transport.equals("tcp")) {
      throw new IllegalArgumentException("trunk.transport: udp or tcp, got '" + transport + "'");
    }
  }

  /** The request URI for {@code number}; IllegalArgumentException unless it is an outside number. */
  public String target(String number) {
    if (number == null || !NUMBER.matcher(number).matches()) {
      throw new IllegalArgumentException("'" + number + "' is not a phone number (+ and 3 to 20 digits)");
    }
    return "sip:" + number + "@" + uri.substring(4);
  }
}

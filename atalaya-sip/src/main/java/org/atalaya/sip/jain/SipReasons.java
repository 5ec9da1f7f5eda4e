package org.atalaya.sip.jain;

import java.util.Map;

/**
 * The reason phrase Atalaya puts on each status code: RFC 3261's own short texts. The stack's are
 * spelled differently ("Bad request", "Method not allowed") and a parse error's carried parser
 * internals ("Bad Request ([C@6c0b05c4 ID expected)"), which said more than a stranger needs.
 */
final class SipReasons {
  private static final Map<Integer, String> PHRASES = Map.ofEntries(
      Map.entry(100, "Trying"), Map.entry(180, "Ringing"), Map.entry(181, "Call Is Being Forwarded"),
      Map.entry(182, "Queued"), Map.entry(183, "Session Progress"), Map.entry(200, "OK"), Map.entry(202, "Accepted"),
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
      Map.entry(407, "Proxy Authentication Required"), Map.entry(408, "Request Timeout"),
      Map.entry(413, "Request Entity Too Large"), Map.entry(415, "Unsupported Media Type"),
      Map.entry(416, "Unsupported URI Scheme"), Map.entry(420, "Bad Extension"),
      Map.entry(480, "Temporarily Unavailable"), Map.entry(481, "Call/Transaction Does Not Exist"),
      Map.entry(483, "Too Many Hops"), Map.entry(486, "Busy Here"), Map.entry(487, "Request Terminated"),
      Map.entry(488, "Not Acceptable Here"), Map.entry(500, "Server Internal Error"),
      Map.entry(501, "Not Implemented"), Map.entry(503, "Service Unavailable"),
      Map.entry(505, "Version Not Supported"), Map.entry(513, "Message Too Large"), Map.entry(603, "Decline"));

  private SipReasons() {}

  /** The fixed phrase for {@code status}; a class-wide one for a code not in the table. */
  static String of(int status) {
    String phrase = PHRASES.get(status);
    if (phrase != null) {
      return phrase;
    }
    return switch (status / 100) {
      case 1 -> "Progress";
      case 2 -> "OK";
      case 3 -> "Redirect";
      case 4 -> "Request Failure";
      case 5 -> "Server Failure";
      default -> "Global Failure";
    };
  }
}

package org.atalaya.app.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What the fuzzer does to a valid SIP message: each operator breaks one rule of RFC 3261's
 * grammar (or of what a parser can afford), drawing every choice from the case's own random
 * source so that a seed and a case number give the same bytes again.
 *
 * <p>Messages are handled as ISO-8859-1 strings: one char per byte, so any byte survives.
 */
final class SipMutations {
  /** One mutation: its name (for the figures and reproducers) and what it does. */
  record Operator(String name, int weight, Mutation mutation) {}

  @FunctionalInterface
  interface Mutation {
    String apply(String message, RandomGenerator random);
  }

  /** No case grows beyond this: enough to overflow any header limit, small enough to send fast. */
  static final int MAX_BYTES = 200_000;

  static final List<Operator> OPERATORS = List.of(
      new Operator("truncate", 10, SipMutations::truncate),
      new Operator("huge-header", 5, SipMutations::hugeHeader),
      new Operator("repeat-header", 6, SipMutations::repeatHeader),
      new Operator("bad-utf8", 6, SipMutations::badUtf8),
      new Operator("nul", 5, SipMutations::nul),
      new Operator("bare-cr-lf", 6, SipMutations::bareLineEnds),
      new Operator("content-length", 10, SipMutations::contentLength),
      new Operator("start-line", 8, SipMutations::startLine),
      new Operator("long-token", 6, SipMutations::longToken),
      new Operator("byte-flip", 12, SipMutations::byteFlip),
      new Operator("header-value", 12, SipMutations::headerValue),
      new Operator("drop-header", 6, SipMutations::dropHeader),
      new Operator("fold", 3, SipMutations::fold),
      new Operator("splice", 5, SipMutations::splice));

  private static final int TOTAL_WEIGHT = OPERATORS.stream().mapToInt(Operator::weight).sum();

  private SipMutations() {}

  /** An operator drawn by weight. */
  static Operator pick(RandomGenerator random) {
    int n = random.nextInt(TOTAL_WEIGHT);
    for (Operator op : OPERATORS) {
      n -= op.weight();
      if (n < 0) {
        return op;
      }
    }
    throw new AssertionError();
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  // --- the operators

  static String truncate(String m, RandomGenerator r) {
    return m.substring(0, r.nextInt(m.length()));
  }

  static String hugeHeader(String m, RandomGenerator r) {
    String[] names = {"Subject", "Via", "X-Fuzz", "User-Agent", "Contact", "Call-Info", "P-Asserted-Identity", "Route",
        "Authorization", "Supported"};
    String name = names[r.nextInt(names.length)];
    int size = 1_000 << r.nextInt(7); // 1 KB to 64 KB
    String unit = switch (r.nextInt(4)) {
      case 0 -> "a";
      case 1 -> "<sip:x@y>,";
      case 2 -> "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK" + r.nextInt(1000) + ",";
      default -> "token=\"" + "q".repeat(r.nextInt(40)) + "\";";
    };
    return insertHeader(m, name + ": " + repeatTo(unit, size), r);
  }

  static String repeatHeader(String m, RandomGenerator r) {
    List<int[]> headers = headerLines(m);
    if (headers.isEmpty()) {
      return m;
    }
    int[] h = headers.get(r.nextInt(headers.size()));
    String line = m.substring(h[0], h[1]);
    int times = Math.min(2 + r.nextInt(600), MAX_BYTES / Math.max(1, line.length()));
    return m.substring(0, h[1]) + line.repeat(Math.max(1, times - 1)) + m.substring(h[1]);
  }

  static String badUtf8(String m, RandomGenerator r) {
    String[] bad = {"\u00c3\u0028", "\u00ff", "\u00fe\u00fe", "\u00c0\u00af", "\u00e0\u0080\u00af", "\u00ed\u00a0\u0080",
        "\u00f4\u0090\u0080\u0080", "\u0080", "\u00e2\u0082", "\u00f0\u009f\u0098"};
    StringBuilder sb = new StringBuilder(m);
    for (int i = 1 + r.nextInt(4); i > 0; i--) {
      sb.insert(r.nextInt(sb.length() + 1), bad[r.nextInt(bad.length)]);
    }
    return sb.toString();
  }

  static String nul(String m, RandomGenerator r) {
    StringBuilder sb = new StringBuilder(m);
    for (int i = 1 + r.nextInt(8); i > 0; i--) {
      int at = r.nextInt(sb.length() + 1);
      if (r.nextBoolean() && at < sb.length()) {
        sb.setCharAt(at, '\0');
      } else {
        sb.insert(at, '\0');
      }
    }
    return sb.toString();
  }

  static String bareLineEnds(String m, RandomGenerator r) {
    return switch (r.nextInt(4)) {
      case 0 -> m.replace("\r\n", "\n");
      case 1 -> m.replace("\r\n", "\r");
      case 2 -> {
        StringBuilder sb = new StringBuilder(m);
        sb.insert(r.nextInt(sb.length() + 1), r.nextBoolean() ? "\r" : "\n");
        yield sb.toString();
      }
      default -> { // some lines only
        StringBuilder sb = new StringBuilder();
        for (String line : m.split("\r\n", -1)) {
          sb.append(line).append(switch (r.nextInt(3)) {
            case 0 -> "\n";
            case 1 -> "\r";
            default -> "\r\n";
          });
        }
        yield sb.toString();
      }
    };
  }

  static String contentLength(String m, RandomGenerator r) {
    int at = m.indexOf("Content-Length: ");
    int body = m.indexOf("\r\n\r\n");
    int real = body < 0 ? 0 : m.length() - body - 4;
    String[] values = {"" + (real + 1 + r.nextInt(5000)), "" + Math.max(0, real - 1 - r.nextInt(Math.max(1, real))), "0",
        "-1", "-" + r.nextInt(100_000), "2147483647", "2147483648", "4294967296", "9223372036854775807",
        "9223372036854775808", "99999999999999999999999", "", " ", "abc", "0x10", "+5", "1e3", "12 34", "007"};
    String value = values[r.nextInt(values.length)];
    if (at < 0) {
      return insertHeader(m, "Content-Length: " + value, r);
    }
    int end = m.indexOf("\r\n", at);
    if (end < 0) { // cut off by an earlier mutation
      end = m.length();
    }
    String line = "Content-Length: " + value;
    return switch (r.nextInt(4)) {
      case 0 -> m.substring(0, at) + line + m.substring(end); // replaced
      case 1 -> m.substring(0, end) + "\r\n" + line + m.substring(end); // a second, conflicting one
      case 2 -> m.substring(0, end) + "\r\nl: " + value + m.substring(end); // its compact form too
      default -> m.substring(0, at) + m.substring(Math.min(m.length(), end + 2)); // none at all
    };
  }

  static String startLine(String m, RandomGenerator r) {
    int eol = m.indexOf("\r\n");
    String rest = eol < 0 ? "" : m.substring(eol);
    String first = eol < 0 ? m : m.substring(0, eol);
    String[] parts = first.split(" ", -1);
    String method = parts[0];
    String uri = parts.length > 1 ? parts[1] : "sip:x@127.0.0.1";
    String[] lines = {
        method.toLowerCase(java.util.Locale.ROOT) + " " + uri + " SIP/2.0",
        method + " " + uri + " SIP/3.0", method + " " + uri + " SIP/2.0 extra", method + " " + uri,
        method + "  " + uri + "  SIP/2.0", method + " " + uri + " sip/2.0", method + " SIP/2.0",
        " " + method + " " + uri + " SIP/2.0", method + "\t" + uri + "\tSIP/2.0", "",
        "FUZZ" + r.nextInt(1000) + " " + uri + " SIP/2.0", "INV!TE " + uri + " SIP/2.0",
        method + " <" + uri + "> SIP/2.0", method + " sip: SIP/2.0", method + " sips:@ SIP/2.0",
        method + " tel:+34-600 SIP/2.0", method + " http://127.0.0.1/ SIP/2.0", method + " * SIP/2.0",
        method + " sip:[::1 SIP/2.0", method + " sip:x@127.0.0.1:99999999 SIP/2.0",
        method + " sip:x@127.0.0.1:-1 SIP/2.0", method + " sip:%00@127.0.0.1 SIP/2.0",
        method + " sip:x@127.0.0.1;" + "p=".repeat(500) + " SIP/2.0",
        "SIP/2.0 200 OK", "SIP/2.0 999 Nine", "SIP/2.0 -1 Minus", "SIP/2.0 20 OK", "SIP/2.0 OK", "SIP/2.0",
        "HTTP/1.1 200 OK", "GET / HTTP/1.1", "\u0016\u0003\u0001\u0002\u0000\u0001", "PRI * HTTP/2.0"};
    return lines[r.nextInt(lines.length)] + rest;
  }

  static String longToken(String m, RandomGenerator r) {
    String token = repeatTo(r.nextBoolean() ? "A" : "z9hG4bK" + r.nextInt(10), 1_000 << r.nextInt(7));
    String[] where = {"branch=", "tag=", "Call-ID: ", "CSeq: 1 ", "sip:", "@", ";rport", "Max-Forwards: ", "Expires: "};
    String key = where[r.nextInt(where.length)];
    int at = m.indexOf(key);
    if (at < 0) {
      int eol = m.indexOf(' ');
      return eol < 0 ? token + m : token + m.substring(eol); // a long method
    }
    int from = at + key.length();
    return m.substring(0, from) + token + m.substring(from);
  }

  static String byteFlip(String m, RandomGenerator r) {
    if (m.isEmpty()) {
      return m;
    }
    char[] c = m.toCharArray();
    for (int i = 1 + r.nextInt(16); i > 0; i--) {
      int at = r.nextInt(c.length);
      c[at] = (char) ((c[at] ^ (1 + r.nextInt(255))) & 0xFF);
    }
    return new String(c);
  }

  static String headerValue(String m, RandomGenerator r) {
    List<int[]> headers = headerLines(m);
    if (headers.isEmpty()) {
      return m;
    }
    int[] h = headers.get(r.nextInt(headers.size()));
    String line = m.substring(h[0], h[1] - 2);
    int colon = line.indexOf(':');
    String name = colon < 0 ? line : line.substring(0, colon);
    String[] values = {"", " ", ":", "<>", "<sip:>", "<sip:@>", ";;;;", "\"unterminated <sip:a@b>", "<sip:a@b",
        "sip:a@b;x=", "-1", "0", "4294967296", "18446744073709551616", "-9223372036854775808", "1 2 3",
        "<" + "<".repeat(200), "%00%zz%", "\\\"\\\\", "sip:a@b>;tag=", "Digest ,,,,", "Digest realm", "Digest nonce=\"",
        "SIP/2.0/ 127.0.0.1", "SIP/2.0/UDP", "SIP/2.0/UDP 127.0.0.1:0;branch=", "SIP/2.0/UDP [::1:5060;branch=z9hG4bK1",
        "1 INVITE INVITE", "99999999999 INVITE", "-5 BYE", "1 ACK", "1", "INVITE", "multipart/mixed;boundary=",
        "application/sdp;charset=\u00ff", "text/plain", "*", "<sip:a@b>;expires=-1", "<sip:a@b>;q=9.9",
        "sip:a@b?Replaces=%;to-tag", "<tel:>", "\"\" <sip:a@b>", "a@b"};
    return m.substring(0, h[0]) + name + ": " + values[r.nextInt(values.length)] + m.substring(h[1] - 2);
  }

  static String dropHeader(String m, RandomGenerator r) {
    List<int[]> headers = headerLines(m);
    if (headers.isEmpty()) {
      return m;
    }
    int[] h = headers.get(r.nextInt(headers.size()));
    return m.substring(0, h[0]) + m.substring(h[1]);
  }

  static String fold(String m, RandomGenerator r) {
    List<int[]> headers = headerLines(m);
    if (headers.isEmpty()) {
      return m;
    }
    int[] h = headers.get(r.nextInt(headers.size()));
    int at = h[0] + 1 + r.nextInt(Math.max(1, h[1] - h[0] - 3));
    String ws = r.nextBoolean() ? " " : "\t";
    return m.substring(0, at) + "\r\n" + ws.repeat(1 + r.nextInt(3)) + m.substring(at);
  }

  static String splice(String m, RandomGenerator r) {
    char[] junk = new char[1 + r.nextInt(64)];
    for (int i = 0; i < junk.length; i++) {
      junk[i] = (char) r.nextInt(256);
    }
    int at = r.nextInt(m.length() + 1);
    return m.substring(0, at) + new String(junk) + m.substring(at);
  }

  // --- helpers

  /** [start, end) of each header line, its CRLF included, up to the blank line. */
  static List<int[]> headerLines(String m) {
    List<int[]> out = new ArrayList<>();
    int start = m.indexOf("\r\n");
    if (start < 0) {
      return out;
    }
    start += 2;
    while (start < m.length()) {
      int end = m.indexOf("\r\n", start);
      if (end < 0 || end == start) {
        break;
      }
      out.add(new int[] {start, end + 2});
      start = end + 2;
    }
    return out;
  }

  private static String insertHeader(String m, String line, RandomGenerator r) {
    List<int[]> headers = headerLines(m);
    int at = headers.isEmpty() ? Math.max(0, m.indexOf("\r\n") + 2) : headers.get(r.nextInt(headers.size()))[0];
    return m.substring(0, at) + line + "\r\n" + m.substring(at);
  }

  private static String repeatTo(String unit, int size) {
    return unit.repeat(Math.max(1, size / unit.length()));
  }
}

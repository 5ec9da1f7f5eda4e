package org.atalaya.sip.jain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A request's start line and header fields as the octets came, folded lines joined: for the checks
 * the stack's parser does not make (repeated single-value headers, conflicting Content-Length) and
 * for answering a request it could not parse, by copying the fields a response must echo.
 *
 * @param startLine the first line, as it came
 * @param headerLines each header field on one line, in order
 * @param bodyLength octets after the empty line ending the headers (0 if there is none)
 */
record RawRequest(String startLine, List<String> headerLines, int bodyLength) {
  private static final Pattern LENGTH = Pattern.compile("\\d{1,9}");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  RawRequest {
    headerLines = List.copyOf(headerLines);
  }

  /** Reads {@code octets} as ISO-8859-1, so that every octet survives a copy into a response. */
  static RawRequest of(byte[] octets) {
    String text = new String(octets, StandardCharsets.ISO_8859_1);
    int i = 0;
    while (i < text.length() && (text.charAt(i) == '\r' || text.charAt(i) == '\n')) {
      i++;
    }
    String startLine = null;
    List<String> headers = new ArrayList<>();
    int bodyStart = text.length();
    while (i < text.length()) {
      int end = i;
      while (end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
        end++;
      }
      String line = text.substring(i, end);
      i = end < text.length() && text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n'
          ? end + 2 : end + 1;
      if (line.isEmpty()) {
        bodyStart = Math.min(i, text.length());
        break;
      }
      if (startLine == null) {
        startLine = line;
      } else if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
        headers.set(headers.size() - 1, headers.get(headers.size() - 1) + ' ' + line.strip());
      } else {
        headers.add(line);
      }
    }
    return new RawRequest(startLine == null ? "" : startLine, headers, text.length() - bodyStart);
  }

  /** The header lines named {@code name} or its compact form (RFC 3261 7.3.3), whole. */
  List<String> lines(String name, String compact) {
    return headerLines.stream().filter(l -> named(l, name, compact)).toList();
  }

  /** The values of those lines, trimmed. */
  List<String> values(String name, String compact) {
    return lines(name, compact).stream().map(l -> l.substring(l.indexOf(':') + 1).strip()).toList();
  }

  /**
   * Why the Content-Length fields (and their compact form) give no one length, or null when they
   * do or there are none: a value that is not 1-9 digits, or values that differ. RFC 3261 18.3 and
   * 20.14; over a stream the message's end is then unknown. {@code tooLong} when every value is
   * digits but one has more than nine: a size, only larger than anything accepted.
   */
  LengthProblem lengthProblem() {
    List<String> lengths = values("Content-Length", "l");
    if (lengths.stream().anyMatch(v -> !LENGTH.matcher(v).matches())) {
      return new LengthProblem("Content-Length " + lengths, lengths.stream().allMatch(v -> DIGITS.matcher(v).matches()));
    }
    if (lengths.stream().distinct().count() > 1) {
      return new LengthProblem("conflicting Content-Length " + lengths, false);
    }
    return null;
  }

  /** The body's length the fields give, 0 without them; call it when {@link #lengthProblem()} is null. */
  int contentLength() {
    List<String> lengths = values("Content-Length", "l");
    return lengths.isEmpty() ? 0 : Integer.parseInt(lengths.get(0));
  }

  /** What {@link #lengthProblem()} found; {@code why} is for the log. */
  record LengthProblem(String why, boolean tooLong) {}

  /** The last token of the start line: the SIP-Version of a well-formed request. */
  String version() {
    String[] parts = startLine.strip().split("\\s+");
    return parts.length < 3 ? "" : parts[parts.length - 1];
  }

  /** The first token of the start line: the method. */
  String method() {
    String[] parts = startLine.strip().split("\\s+");
    return parts.length == 0 ? "" : parts[0];
  }

  private static boolean named(String line, String name, String compact) {
    int colon = line.indexOf(':');
    if (colon <= 0) {
      return false;
    }
    String field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    return field.equals(name.toLowerCase(Locale.ROOT)) || compact != null && field.equals(compact);
  }
}

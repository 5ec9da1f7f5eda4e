package org.atalaya.sip.jain;

import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.Lexer;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.RequestLineParser;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.MessageChannel;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's parser, made strict about requests and quiet about why: a request it cannot serve as
 * it came (unparseable start line or needed header, repeated single-value header, conflicting or
 * negative Content-Length, a body shorter than announced over UDP, a CSeq naming another method,
 * another SIP version) is handed on as a harmless stand-in that carries a {@link Malformed}, which
 * {@link ScreenValve} answers with a fixed reason phrase. Left to itself the stack answered such
 * requests with its parser's messages as the reason phrase, sent 200 to a request with two
 * Content-Lengths, and took the first of two Call-IDs.
 *
 * <p>Responses and valid requests are parsed exactly as before. Stateless, like the stack's own
 * parser, so one instance serves every thread.
 */
final class ScreeningMessageParser extends StringMsgParser {
  private static final Logger LOG = LoggerFactory.getLogger(ScreeningMessageParser.class);

  /** RFC 3261 7.3.3 compact forms of the headers looked at here. */
  private static final Map<String, String> COMPACT = Map.of("v", "via", "f", "from", "t", "to", "i", "call-id",
      "l", "content-length", "c", "content-type", "m", "contact");

  /**
   * Headers a request cannot be served without understanding: the ones a response echoes, the
   * framing, and those that route or decide what to do. Any other unparseable header is ignored,
   * as RFC 3261 8.2.2 allows (a bad Date, an Authorization in a scheme nobody knows).
   */
  private static final Set<String> NEEDED = Set.of("via", "from", "to", "call-id", "cseq", "content-length",
      "max-forwards", "contact", "content-type", "require", "proxy-require", "route");

  /** Headers that may appear once only (RFC 3261 7.3.1, 20). */
  private static final List<String[]> SINGLE = List.of(new String[] {"Call-ID", "i"}, new String[] {"From", "f"},
      new String[] {"To", "t"}, new String[] {"CSeq", null}, new String[] {"Max-Forwards", null},
      new String[] {"Content-Type", "c"});

  private static final Pattern VERSION = Pattern.compile("(?i)SIP/\\d+\\.\\d+");

  /** The method and CSeq of every stand-in: a method no one serves, in case it ever got past the valve. */
  static final String STAND_IN_METHOD = "X-ATALAYA-MALFORMED";

  private static final String STAND_IN = "X-ATALAYA-MALFORMED sip:malformed.invalid SIP/2.0\r\n"
      + "Via: SIP/2.0/%s 0.0.0.0;branch=z9hG4bK-malformed\r\n"
      + "From: <sip:malformed.invalid>;tag=malformed\r\n"
      + "To: <sip:malformed.invalid>\r\n"
      + "Call-ID: malformed\r\n"
      + "CSeq: 1 X-ATALAYA-MALFORMED\r\n"
      + "Content-Length: 0\r\n\r\n";

  @Override
  public SIPMessage parseSIPMessage(byte[] octets, boolean readBody, boolean strict, ParseExceptionListener listener)
      throws ParseException {
    if (!isRequest(octets)) {
      return super.parseSIPMessage(octets, readBody, strict, listener);
    }
    RawRequest raw = RawRequest.of(octets);
    Problems problems = new Problems();
    SIPMessage parsed;
    try {
      parsed = super.parseSIPMessage(octets, readBody, strict, problems);
    } catch (ParseException e) {
      parsed = null;
      problems.note("message: " + e.getMessage());
    }
    String arrival = listener instanceof MessageChannel channel ? channel.getTransport() : "UDP";
    Malformed malformed = check(raw, parsed, problems.first, readBody);
    if (malformed == null) {
      useArrivalTransport((SIPRequest) parsed, arrival);
      return parsed;
    }
    LOG.debug("malformed request ({}): {}", malformed.status(), malformed.detail());
    SIPMessage standIn = super.parseSIPMessage(STAND_IN.formatted(arrival.toUpperCase(Locale.ROOT))
        .getBytes(StandardCharsets.US_ASCII), true, false, null);
    standIn.setApplicationData(malformed);
    return standIn;
  }

  /** The first reason not to serve the request, most telling first; null if there is none. */
  private static Malformed check(RawRequest raw, SIPMessage parsed, String parseProblem, boolean datagram) {
    String version = raw.version();
    if (!version.equalsIgnoreCase("SIP/2.0")) {
      // RFC 3261 8.2 (and 21.5.6): a version we do not speak is 505; no version at all is malformed.
      return VERSION.matcher(version).matches() ? new Malformed(505, "SIP version " + version, raw, false)
          : new Malformed(400, "no SIP-Version in " + raw.startLine(), raw, false);
    }
    RawRequest.LengthProblem length = raw.lengthProblem();
    if (length != null) {
      return new Malformed(400, length.why(), raw, true);
    }
    if (datagram && raw.contentLength() > raw.bodyLength()) {
      // RFC 3261 18.3: over UDP the datagram is the whole message.
      return new Malformed(400, "Content-Length " + raw.contentLength() + " but " + raw.bodyLength() + " octets", raw,
          false);
    }
    if (parseProblem != null) {
      return new Malformed(400, parseProblem, raw, false);
    }
    for (String[] h : SINGLE) {
      if (raw.lines(h[0], h[1]).size() > 1) {
        return new Malformed(400, "more than one " + h[0], raw, false);
      }
    }
    if (!(parsed instanceof SIPRequest request) || request.getRequestLine() == null || parsed.getFrom() == null
        || parsed.getTo() == null || parsed.getCallId() == null || parsed.getCSeq() == null
        || parsed.getTopmostVia() == null) {
      return new Malformed(400, "a required header is missing", raw, false);
    }
    if (!request.getMethod().equals(request.getCSeq().getMethod())) {
      // RFC 4475 3.1.2.18: an unknown method is the better reason to give (501) than the mismatch.
      int status = RequestScreen.understood(request.getMethod()) ? 400 : 501;
      return new Malformed(status, "CSeq method " + request.getCSeq().getMethod() + " for " + request.getMethod(),
          raw, false);
    }
    return null;
  }

  /**
   * A top Via naming another transport than the one the request came over (a TLS or SCTP Via in a
   * UDP datagram) is made to name the real one, before the stack reads it: the stack picks the
   * socket for the response by the Via's transport, and for one it does not listen on it threw
   * (RFC 3261 18.2.2: the response goes back the way the request came).
   */
  private static void useArrivalTransport(SIPRequest request, String arrival) {
    Via top = request.getTopmostVia();
    if (!arrival.equalsIgnoreCase(top.getTransport())) {
      try {
        LOG.debug("Via says {} for a request that came over {}", top.getTransport(), arrival);
        top.setTransport(arrival.toUpperCase(Locale.ROOT));
      } catch (ParseException e) {
        LOG.debug("cannot set the Via transport", e);
      }
    }
  }

  /** Requests become {@link Rfc3261Request}s, matched to their transactions by RFC 3261's rules. */
  @Override
  protected SIPMessage processFirstLine(String firstLine, ParseExceptionListener listener, byte[] octets)
      throws ParseException {
    if (firstLine.startsWith("SIP/2.0")) {
      return super.processFirstLine(firstLine, listener, octets);
    }
    Rfc3261Request request = new Rfc3261Request();
    try {
      request.setRequestLine(new RequestLineParser(firstLine + "\n").parse());
    } catch (ParseException e) {
      if (listener == null) {
        throw e;
      }
      listener.handleException(e, request, RequestLine.class, firstLine, null);
    }
    return request;
  }

  private static boolean isRequest(byte[] octets) {
    if (octets == null) {
      return false;
    }
    int i = 0;
    while (i < octets.length && octets[i] < 32 && octets[i] >= 0) {
      i++;
    }
    return octets.length - i >= 4 && !(octets[i] == 'S' && octets[i + 1] == 'I' && octets[i + 2] == 'P'
        && octets[i + 3] == '/');
  }

  /** Collects the first parse failure that matters instead of letting the stack answer it. */
  private static final class Problems implements ParseExceptionListener {
    private String first;

    void note(String problem) {
      if (first == null) {
        first = problem;
      }
    }

    @Override
    @SuppressWarnings("rawtypes") // the stack's interface
    public void handleException(ParseException ex, SIPMessage message, Class headerClass, String header, String whole) {
      if (headerClass == RequestLine.class) {
        note("request line: " + ex.getMessage());
        return;
      }
      String name = Lexer.getHeaderName(header);
      if (name == null) {
        note("not a header: " + header);
        return;
      }
      String canonical = name.toLowerCase(Locale.ROOT);
      canonical = COMPACT.getOrDefault(canonical, canonical);
      if (NEEDED.contains(canonical)) {
        note(name + ": " + ex.getMessage());
      } else if (message != null) {
        message.addUnparsed(header); // as the stack does with a header it cannot parse
      }
    }
  }
}

package org.atalaya.sip.jain;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stateless answers {@link ScreenValve} sends, with {@link SipReasons}' fixed phrases. */
final class Refusals {
  private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
  private static final Pattern TAG = Pattern.compile("(?i);\\s*tag\\s*=");

  private Refusals() {}

  /** The answer to a request that parsed: its own header objects echoed, a To tag added. */
  static SIPResponse refuse(SIPRequest request, RequestScreen.Verdict.Refuse refuse) throws ParseException {
    SIPResponse response = request.createResponse(refuse.status(), SipReasons.of(refuse.status()));
    if (response.getTo().getTag() == null) {
      response.getTo().setTag(tag()); // RFC 3261 8.2.6.2
    }
    for (Map.Entry<String, String> h : refuse.headers().entrySet()) {
      // Parsed as a header line, so a list value ("INVITE, ACK, ...") becomes the stack's list header.
      response.attachHeader(StringMsgParser.parseSIPHeader(h.getKey() + ": " + h.getValue()), true);
    }
    return response;
  }

  /**
   * The answer to a request that did not parse: its Via, From, To, Call-ID and CSeq lines copied
   * as they came (RFC 3261 8.2.6.2), without its body. Null when one of them is missing, for then
   * no answer could reach the sender's transaction (RFC 4475 3.3.1's INVITE has no Call-ID).
   */
  static RawResponse malformed(Malformed m) {
    RawRequest raw = m.raw();
    List<String> vias = raw.lines("Via", "v");
    List<String> froms = raw.lines("From", "f");
    List<String> tos = raw.lines("To", "t");
    List<String> callIds = raw.lines("Call-ID", "i");
    List<String> cseqs = raw.lines("CSeq", null);
    if (vias.isEmpty() || froms.isEmpty() || tos.isEmpty() || callIds.isEmpty() || cseqs.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder(512).append("SIP/2.0 ").append(m.status()).append(' ')
        .append(SipReasons.of(m.status())).append("\r\n");
    vias.forEach(v -> text.append(v).append("\r\n"));
    text.append(froms.get(0)).append("\r\n");
    String to = tos.get(0);
    text.append(to).append(TAG.matcher(to).find() ? "" : ";tag=" + tag()).append("\r\n");
    text.append(callIds.get(0)).append("\r\n").append(cseqs.get(0)).append("\r\n");
    if (m.status() == 501 || m.status() == 405) {
      text.append("Allow: ").append(RequestScreen.ALLOW).append("\r\n");
    }
    return new RawResponse(text.append("Content-Length: 0\r\n\r\n").toString());
  }

  private static String tag() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * A request the stack makes no transaction of, though it passed the screen (the screen checks
   * what the stack needs, so: the stack is stopping): one line, no trace, no answer.
   */
  static void unserved(Request request, Exception why) {
    LOG.info("SIP {} from {} not served: {}", request.getMethod(), Authenticator.source(request), why.getMessage());
  }
}

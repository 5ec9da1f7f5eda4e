package org.atalaya.sip.jain;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sip.address.URI;
import javax.sip.header.AcceptHeader;
import javax.sip.header.ContentEncodingHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

/**
 * RFC 3261 8.2's checks of a well-formed request, in that order, before Atalaya serves it: the
 * method (405, 501), the Request-URI's scheme (416), Require (420), and for an INVITE the body's
 * type (415) and what the caller accepts back (406); a REGISTER's To must be a SIP URI (400).
 * None of them depends on who the user is, so an answer says nothing about which extensions exist.
 */
final class RequestScreen {
  /** The methods the edge serves, in the Allow header of a 405 or 501. */
  static final List<String> SERVED = List.of(Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL,
      Request.OPTIONS, Request.REGISTER, Request.INFO, Request.REFER, Request.NOTIFY, Request.UPDATE);
  static final String ALLOW = String.join(", ", SERVED);

  /** Methods of SIP extensions Atalaya knows but does not serve: 405, where an unknown one gets 501. */
  private static final Set<String> KNOWN = Set.of(Request.SUBSCRIBE, Request.PUBLISH, Request.MESSAGE, Request.PRACK);

  private static final Set<String> SCHEMES = Set.of("sip", "sips", "tel");

  /** What to do with a request. */
  sealed interface Verdict {
    /** Hand it to the edge. */
    record Serve() implements Verdict {}

    /** Answer {@code status} with these extra headers; {@code why} is for the log. */
    record Refuse(int status, String why, Map<String, String> headers) implements Verdict {}
  }

  private static final Verdict SERVE = new Verdict.Serve();

  private RequestScreen() {}

  /** Whether {@code method} is one Atalaya has heard of (served or not). */
  static boolean understood(String method) {
    return SERVED.contains(method) || KNOWN.contains(method);
  }

  static Verdict check(Request request) {
    String method = request.getMethod();
    if (Request.ACK.equals(method)) {
      return SERVE; // never answered (RFC 3261 17.2.3)
    }
    if (!SERVED.contains(method)) {
      return new Verdict.Refuse(KNOWN.contains(method) ? 405 : 501, "method " + method, Map.of("Allow", ALLOW));
    }
    URI target = request.getRequestURI();
    String scheme = target == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      return new Verdict.Refuse(416, "Request-URI scheme " + scheme, Map.of());
    }
    if (Request.CANCEL.equals(method)) {
      return SERVE; // RFC 3261 8.2.2.3: a CANCEL is never refused for its Require
    }
    List<String> required = required(request);
    if (!required.isEmpty()) {
      // Atalaya supports no extension a caller could require; Proxy-Require is for proxies only.
      return new Verdict.Refuse(420, "Require " + required, Map.of("Unsupported", String.join(", ", required)));
    }
    if (Request.REGISTER.equals(method)) {
      ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
      String toScheme = to.getAddress().getURI().getScheme().toLowerCase(Locale.ROOT);
      if (!toScheme.equals("sip") && !toScheme.equals("sips")) {
        return new Verdict.Refuse(400, "address-of-record scheme " + toScheme, Map.of());
      }
    }
    if (Request.INVITE.equals(method)) {
      return invite(request);
    }
    return SERVE;
  }

  /** A session is described in SDP, in both directions. */
  private static Verdict invite(Request request) {
    byte[] body = request.getRawContent();
    if (body != null && body.length > 0) {
      ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
      ContentEncodingHeader encoding = (ContentEncodingHeader) request.getHeader(ContentEncodingHeader.NAME);
      boolean sdp = type != null && type.getContentType().equalsIgnoreCase("application")
          && type.getContentSubType().equalsIgnoreCase("sdp");
      boolean plain = encoding == null || encoding.getEncoding().equalsIgnoreCase("identity");
      if (!sdp || !plain) {
        return new Verdict.Refuse(415, "body " + (type == null ? "without type" : type.getContentType() + "/"
            + type.getContentSubType()), Map.of("Accept", "application/sdp", "Accept-Encoding", "identity"));
      }
    }
    ListIterator<?> accepts = request.getHeaders(AcceptHeader.NAME);
    boolean anyAccept = false;
    while (accepts.hasNext()) {
      AcceptHeader a = (AcceptHeader) accepts.next();
      anyAccept = true;
      String t = a.getContentType() == null ? "" : a.getContentType().toLowerCase(Locale.ROOT);
      String s = a.getContentSubType() == null ? "" : a.getContentSubType().toLowerCase(Locale.ROOT);
      if ((t.equals("application") || t.equals("*")) && (s.equals("sdp") || s.equals("*"))) {
        return SERVE;
      }
    }
    // Our answers to an INVITE carry SDP: a caller accepting none cannot read them (RFC 3261 21.4.7).
    return anyAccept ? new Verdict.Refuse(406, "Accept excludes application/sdp", Map.of()) : SERVE;
  }

  private static List<String> required(Request request) {
    List<String> tags = new ArrayList<>();
    ListIterator<?> it = request.getHeaders(RequireHeader.NAME);
    while (it.hasNext()) {
      String tag = ((RequireHeader) it.next()).getOptionTag();
      if (tag != null && !tag.isBlank()) {
        tags.add(tag.strip());
      }
    }
    return tags;
  }
}

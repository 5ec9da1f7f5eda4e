package org.atalaya.sip.jain;

import gov.nist.javax.sip.header.SIPHeader;
import java.time.Clock;
import java.time.Instant;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.ServerTransaction;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.atalaya.sip.DigestGuard;
import org.atalaya.sip.Registration;
import org.atalaya.sip.RegistrationListener;
import org.atalaya.sip.SipCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar: digest-authenticated REGISTER, one binding per user (the latest wins), expiry
 * by the injected clock.
 *
 * <p>Threading: called on SIP stack threads and the sweep timer; bindings live in a concurrent
 * map and each update replaces a whole immutable {@link Registration}.
 */
final class Registrar {
  private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

  private final SipContext sip;
  private final SipCredentials credentials;
  private final RegistrationListener listener;
  private final Digest digest;
  private final Clock clock;
  private final Map<String, Registration> bindings = new ConcurrentHashMap<>();

  private final DigestGuard guard;

  Registrar(SipContext sip, SipCredentials credentials, RegistrationListener listener, Digest digest,
      DigestGuard guard, Clock clock) {
    this.guard = guard;
    this.sip = sip;
    this.credentials = credentials;
    this.listener = listener;
    this.digest = digest;
    this.clock = clock;
  }

  void handle(Request request, ServerTransaction st) throws Exception {
    Authenticator.Result auth = new Authenticator(sip, credentials, digest, guard)
        .check(request, AuthorizationHeader.NAME);
    switch (auth) {
      case Authenticator.Result.Challenge c -> {
        Response r = sip.messages.createResponse(Response.UNAUTHORIZED, request);
        WWWAuthenticateHeader h = sip.headers.createWWWAuthenticateHeader("Digest");
        c.fill(h);
        r.addHeader(h);
        st.sendResponse(r);
      }
      case Authenticator.Result.Forbidden f -> {
        LOG.info("REGISTER refused for '{}': {}", f.user(), f.reason());
        st.sendResponse(sip.messages.createResponse(Response.FORBIDDEN, request));
      }
      case Authenticator.Result.Ok ok -> register(request, st, ok.user());
    }
  }

  private void register(Request request, ServerTransaction st, String user) throws Exception {
    ExpiresHeader expiresHeader = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
    int defaultExpires = expiresHeader == null ? 3600 : expiresHeader.getExpires();
    ListIterator<?> contacts = request.getHeaders(ContactHeader.NAME);
    Response ok = sip.messages.createResponse(Response.OK, request);
    while (contacts.hasNext()) {
      ContactHeader contact = (ContactHeader) contacts.next();
      if (contact.isWildCard()) {
        remove(user);
        continue;
      }
      int expires = contact.getExpires() >= 0 ? contact.getExpires() : defaultExpires;
      expires = Math.min(expires, sip.config.maxRegisterExpires());
      if (expires <= 0) {
        remove(user);
        continue;
      }
      ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
      UserAgentHeader ua = (UserAgentHeader) request.getHeader(UserAgentHeader.NAME);
      Registration reg = new Registration(user, contact.getAddress().getURI().toString(),
          via.getTransport().toLowerCase(java.util.Locale.ROOT), ua == null ? "" : ((SIPHeader) ua).getHeaderValue(),
          clock.instant().plusSeconds(expires));
      bindings.put(user, reg);
      LOG.info("registered {} at {} for {} s", user, reg.contactUri(), expires);
      listener.registered(reg);
      ContactHeader echo = (ContactHeader) contact.clone();
      echo.setExpires(expires);
      ok.addHeader(echo);
    }
    // The Date a phone may set its clock from (RFC 3261 20.17): the node's clock, in GMT.
    ok.addHeader(sip.headers.createDateHeader(new java.util.Calendar.Builder()
        .setTimeZone(java.util.TimeZone.getTimeZone("GMT")).setInstant(clock.millis()).build()));
    st.sendResponse(ok);
  }

  private void remove(String user) {
    if (bindings.remove(user) != null) {
      LOG.info("unregistered {}", user);
      listener.unregistered(user);
    }
  }

  Optional<Registration> lookup(String user) {
    Registration r = bindings.get(user);
    if (r != null && !r.expires().isAfter(clock.instant())) {
      if (bindings.remove(user, r)) {
        listener.unregistered(user);
      }
      return Optional.empty();
    }
    return Optional.ofNullable(r);
  }

  /** Drops expired bindings; run periodically. */
  void sweep() {
    Instant now = clock.instant();
    bindings.forEach((user, r) -> {
      if (!r.expires().isAfter(now) && bindings.remove(user, r)) {
        LOG.info("registration of {} expired", user);
        listener.unregistered(user);
      }
    });
  }
}

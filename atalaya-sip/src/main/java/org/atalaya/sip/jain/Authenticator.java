package org.atalaya.sip.jain;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import org.atalaya.sip.SipCredentials;

/** Checks a request's digest credentials (Authorization or Proxy-Authorization). */
final class Authenticator {
  private final SipContext sip;
  private final SipCredentials credentials;
  private final Digest digest;

  Authenticator(SipContext sip, SipCredentials credentials, Digest digest) {
    this.sip = sip;
    this.credentials = credentials;
    this.digest = digest;
  }

  /** What to do with a request. */
  sealed interface Result {
    /** Send a challenge (401 or 407) with these parameters. */
    record Challenge(String realm, String nonce, boolean stale) implements Result {
      void fill(WWWAuthenticateHeader h) throws java.text.ParseException {
        h.setRealm(realm);
        h.setNonce(nonce);
        h.setAlgorithm("MD5");
        h.setQop("auth");
        if (stale) {
          h.setParameter("stale", "true");
        }
      }
    }

    /** Credentials are wrong. */
    record Forbidden(String user, String reason) implements Result {}

    /** Authenticated as {@code user}. */
    record Ok(String user) implements Result {}
  }

  Result check(Request request, String headerName) {
    AuthorizationHeader auth = (AuthorizationHeader) request.getHeader(headerName);
    String realm = sip.config.realm();
    if (auth == null || auth.getNonce() == null || auth.getUsername() == null) {
      return new Result.Challenge(realm, digest.newNonce(), false);
    }
    Digest.NonceState nonce = digest.check(auth.getNonce());
    if (nonce == Digest.NonceState.STALE) {
      return new Result.Challenge(realm, digest.newNonce(), true);
    }
    if (nonce == Digest.NonceState.INVALID) {
      org.slf4j.LoggerFactory.getLogger(Authenticator.class).info("invalid nonce from {}: {}", auth.getUsername(), auth.getNonce());
      return new Result.Challenge(realm, digest.newNonce(), false);
    }
    String user = auth.getUsername();
    if (!realm.equals(auth.getRealm())) {
      return new Result.Forbidden(user, "wrong realm " + auth.getRealm());
    }
    FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
    String ha1 = credentials.ha1(user).orElse(null);
    if (ha1 == null) {
      return new Result.Forbidden(user, "no such account");
    }
    String qop = auth.getQop();
    String nc = auth.getNonceCount() > 0 ? String.format("%08x", auth.getNonceCount()) : "";
    String expected = Digest.expectedResponse(ha1, request.getMethod(), auth.getURI().toString(), auth.getNonce(),
        qop, nc, auth.getCNonce());
    if (!expected.equalsIgnoreCase(auth.getResponse())) {
      return new Result.Forbidden(user, "wrong password (From " + from.getAddress() + ")");
    }
    return new Result.Ok(user);
  }
}

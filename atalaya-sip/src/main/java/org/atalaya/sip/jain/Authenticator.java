package org.atalaya.sip.jain;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import org.atalaya.sip.DigestGuard;
import org.atalaya.sip.SipCredentials;

/**
 * Checks a request's digest credentials (Authorization or Proxy-Authorization), counting wrong
 * ones per source and account in the {@link DigestGuard}.
 */
final class Authenticator {
  private final SipContext sip;
  private final SipCredentials credentials;
  private final Digest digest;
  private final DigestGuard guard;

  Authenticator(SipContext sip, SipCredentials credentials, Digest digest, DigestGuard guard) {
    this.sip = sip;
    this.credentials = credentials;
    this.digest = digest;
    this.guard = guard;
  }

  /** The address a request came from, as the guard counts it. */
  static String source(Request request) {
    return ((gov.nist.javax.sip.message.SIPMessage) request).getRemoteAddress().getHostAddress();
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
    String source = source(request);
    if (guard.admit(source, user) != DigestGuard.Verdict.CHECK) {
      // Not even a password comparison for a blocked address, or an unknown one on a protected account.
      return new Result.Forbidden(user, "refused unchecked: " + user + " is under a password-guessing attack");
    }
    Result result = verify(request, auth, realm, user);
    if (result instanceof Result.Forbidden) {
      guard.failed(source, user);
    } else {
      guard.succeeded(source, user);
    }
    return result;
  }

  private Result verify(Request request, AuthorizationHeader auth, String realm, String user) {
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

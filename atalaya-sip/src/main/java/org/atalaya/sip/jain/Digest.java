package org.atalaya.sip.jain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP digest authentication for SIP (RFC 2617/7616, MD5, qop=auth or none) with stateless
 * nonces: a nonce is its issue time plus an HMAC of it under a per-process secret, so no nonce
 * table grows with traffic and a nonce older than five minutes is "stale" (the client retries
 * without asking the user).
 */
final class Digest {
  static final long NONCE_LIFETIME_MS = 5 * 60 * 1000;

  private final byte[] secret = new byte[32];
  private final Clock clock;

  Digest(Clock clock) {
    this.clock = clock;
    new SecureRandom().nextBytes(secret);
  }

  /** Outcome of checking a nonce. */
  enum NonceState { VALID, STALE, INVALID }

  String newNonce() {
    String ts = Long.toString(clock.millis());
    return Base64.getUrlEncoder().withoutPadding().encodeToString((ts + ":" + hmac(ts)).getBytes(StandardCharsets.US_ASCII));
  }

  NonceState check(String nonce) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(nonce), StandardCharsets.US_ASCII);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return NonceState.INVALID;
      }
      String ts = decoded.substring(0, colon);
      if (!MessageDigest.isEqual(hmac(ts).getBytes(StandardCharsets.US_ASCII),
          decoded.substring(colon + 1).getBytes(StandardCharsets.US_ASCII))) {
        return NonceState.INVALID;
      }
      long age = clock.millis() - Long.parseLong(ts);
      return age >= 0 && age <= NONCE_LIFETIME_MS ? NonceState.VALID : NonceState.STALE;
    } catch (IllegalArgumentException e) {
      return NonceState.INVALID;
    }
  }

  /** The response a client with {@code ha1} must send (RFC 2617 section 3.2.2.1). */
  static String expectedResponse(String ha1, String method, String uri, String nonce, String qop, String nc, String cnonce) {
    String ha2 = md5(method + ":" + uri);
    if (qop == null || qop.isEmpty()) {
      return md5(ha1 + ":" + nonce + ":" + ha2);
    }
    return md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
  }

  static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String hmac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.US_ASCII))).substring(0, 32);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

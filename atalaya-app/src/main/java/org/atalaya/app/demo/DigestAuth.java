package org.atalaya.app.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** HTTP digest (RFC 2617 / RFC 3261 §22) for SIP: MD5, with qop=auth or without qop. */
final class DigestAuth {
  private DigestAuth() {}

  /** The parameters of a {@code WWW-Authenticate} or {@code Proxy-Authenticate} value. */
  static Map<String, String> parseChallenge(String headerValue) {
    String v = headerValue.strip();
    if (v.regionMatches(true, 0, "Digest", 0, 6)) {
      v = v.substring(6);
    }
    Map<String, String> params = new LinkedHashMap<>();
    int i = 0;
    while (i < v.length()) {
      while (i < v.length() && (v.charAt(i) == ',' || Character.isWhitespace(v.charAt(i)))) {
        i++;
      }
      int eq = v.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = v.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      int j = eq + 1;
      String value;
      if (j < v.length() && v.charAt(j) == '"') {
        int end = v.indexOf('"', j + 1);
        end = end < 0 ? v.length() : end;
        value = v.substring(j + 1, end);
        i = end + 1;
      } else {
        int end = v.indexOf(',', j);
        end = end < 0 ? v.length() : end;
        value = v.substring(j, end).strip();
        i = end;
      }
      params.put(key, value);
    }
    return params;
  }

  /**
   * The credentials value answering {@code challenge}; {@code cnonce} and {@code nc} are used only
   * when the challenge offers qop=auth.
   */
  static String authorization(Map<String, String> challenge, String method, String uri, String user,
      String password, String cnonce, int nc) {
    String algorithm = challenge.getOrDefault("algorithm", "MD5");
    if (!algorithm.equalsIgnoreCase("MD5")) {
      throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
    }
    String realm = challenge.getOrDefault("realm", "");
    String nonce = challenge.getOrDefault("nonce", "");
    boolean qopAuth = false;
    String qop = challenge.get("qop");
    if (qop != null) {
      for (String q : qop.split(",")) {
        qopAuth |= q.strip().equalsIgnoreCase("auth");
      }
    }
    String ha1 = md5(user + ":" + realm + ":" + password);
    String ha2 = md5(method + ":" + uri);
    String ncHex = String.format("%08x", nc);
    String response = qopAuth
        ? md5(ha1 + ":" + nonce + ":" + ncHex + ":" + cnonce + ":auth:" + ha2)
        : md5(ha1 + ":" + nonce + ":" + ha2);
    StringBuilder sb = new StringBuilder("Digest username=\"").append(user)
        .append("\", realm=\"").append(realm)
        .append("\", nonce=\"").append(nonce)
        .append("\", uri=\"").append(uri)
        .append("\", response=\"").append(response)
        .append("\", algorithm=MD5");
    if (challenge.containsKey("opaque")) {
      sb.append(", opaque=\"").append(challenge.get("opaque")).append('"');
    }
    if (qopAuth) {
      sb.append(", qop=auth, nc=").append(ncHex).append(", cnonce=\"").append(cnonce).append('"');
    }
    return sb.toString();
  }

  static String md5(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
  }
}

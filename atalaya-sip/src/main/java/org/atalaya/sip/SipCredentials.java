package org.atalaya.sip;

import java.util.Optional;

/** Looks up a SIP account's digest secret. */
@FunctionalInterface
public interface SipCredentials {
  /**
   * The account's HA1, lowercase hex of MD5("user:realm:password") (RFC 2617/7616), or empty if
   * there is no such account. Storing HA1 instead of the password is what Kamailio and Asterisk
   * do: the password never sits in the database. Called on a SIP thread; may block briefly.
   */
  Optional<String> ha1(String user);
}

package org.atalaya.sip;

import java.util.List;
import java.util.Objects;

/**
 * SIP server settings.
 *
 * @param bindAddress IP address to listen on (e.g. 0.0.0.0 or 127.0.0.1)
 * @param advertisedAddress address put in Via/Contact (the host's reachable IP)
 * @param port UDP and TCP port (5060 by default)
 * @param realm digest realm for REGISTER and INVITE challenges
 * @param trustedNetworks CIDRs whose INVITEs are accepted without authentication (trunks, SBCs);
 *     "0.0.0.0/0" accepts any source (the demo default)
 * @param maxRegisterExpires upper bound on registration lifetime in seconds
 */
public record SipConfig(
    String bindAddress,
    String advertisedAddress,
    int port,
    String realm,
    List<String> trustedNetworks,
    int maxRegisterExpires) {
  public SipConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(advertisedAddress, "advertisedAddress");
    Objects.requireNonNull(realm, "realm");
    trustedNetworks = List.copyOf(trustedNetworks);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("SIP port out of range: " + port);
    }
    if (maxRegisterExpires < 60) {
      throw new IllegalArgumentException("maxRegisterExpires must be >= 60: " + maxRegisterExpires);
    }
  }
}

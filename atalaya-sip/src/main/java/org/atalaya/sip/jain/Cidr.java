package org.atalaya.sip.jain;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network in CIDR notation, for trusted-source checks. */
record Cidr(byte[] network, int prefix) {
  static Cidr parse(String text) {
    String[] parts = text.strip().split("/");
    try {
      byte[] addr = InetAddress.getByName(parts[0]).getAddress();
      int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : addr.length * 8;
      if (prefix < 0 || prefix > addr.length * 8) {
        throw new IllegalArgumentException("bad prefix in " + text);
      }
      return new Cidr(addr, prefix);
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException("not a CIDR: " + text, e);
    }
  }

  boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    int bits = prefix;
    for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
      int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
      if ((a[i] & mask) != (network[i] & mask)) {
        return false;
      }
    }
    return true;
  }
}

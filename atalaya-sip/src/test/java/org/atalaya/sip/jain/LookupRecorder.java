package org.atalaya.sip.jain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The JDK's name resolver with every name looked up in this test JVM written down (installed by
 * META-INF/services), so a test can show the edge never resolved a host a request named. Names
 * under .invalid are refused at once: they resolve nowhere (RFC 2606).
 */
public final class LookupRecorder extends InetAddressResolverProvider {
  private static final List<String> NAMES = new CopyOnWriteArrayList<>();

  static List<String> names() {
    return List.copyOf(NAMES);
  }

  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
        String name = host.toLowerCase(Locale.ROOT);
        NAMES.add(name);
        if (name.endsWith(".invalid")) {
          throw new UnknownHostException(host);
        }
        return builtin.lookupByName(host, policy);
      }

      @Override
      public String lookupByAddress(byte[] addr) throws UnknownHostException {
        return builtin.lookupByAddress(addr);
      }
    };
  }

  @Override
  public String name() {
    return "atalaya-sip-test-recorder";
  }
}

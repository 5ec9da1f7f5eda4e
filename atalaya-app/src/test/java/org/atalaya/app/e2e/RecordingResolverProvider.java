package org.atalaya.app.e2e;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The JDK's own name resolver, with every name looked up in this test JVM written down: a test
 * can then prove that the SIP edge never resolved a host named in a hostile request. Loaded by the
 * JDK through META-INF/services in the test classpath; it changes no answer.
 */
public final class RecordingResolverProvider extends InetAddressResolverProvider {
  private static final List<String> NAMES = new CopyOnWriteArrayList<>();

  /** Every host name looked up so far, in order, lower-cased. */
  static List<String> lookedUp() {
    return List.copyOf(NAMES);
  }

  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
        String name = host.toLowerCase(java.util.Locale.ROOT);
        NAMES.add(name);
        if (reserved(name)) {
          // RFC 2606 names resolve nowhere: answer at once instead of waiting on a DNS server.
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

  private static boolean reserved(String name) {
    return Stream.of("example.com", "example.net", "example.org", "invalid", "test", "example")
        .anyMatch(d -> name.equals(d) || name.endsWith("." + d));
  }

  @Override
  public String name() {
    return "atalaya-test-recording";
  }
}

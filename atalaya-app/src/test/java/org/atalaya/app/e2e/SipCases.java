package org.atalaya.app.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The SIP cases of a seed: case {@code n} depends only on the seed, {@code n} and the addresses
 * it is sent between, never on the cases before it or on timing, so any one case can be made
 * again from its number alone (a reproducer is "seed S, case N").
 */
final class SipCases {
  /** How a case travels. */
  enum Transport {
    /** One datagram. */
    UDP,
    /** A TCP connection: the whole message, the answer read, closed. */
    TCP,
    /** A TCP connection that sends only part of the message, then closes. */
    TCP_HALF,
    /** A TCP connection that sends part or all of it and stays open until the campaign ends. */
    TCP_OPEN
  }

  /** One case: what it started from, what was done to it, how and from where it goes. */
  record SipCase(long number, SipCorpus.Kind kind, String mutation, Transport transport, int source, byte[] bytes,
      int sendBytes) {
    String label() {
      return kind + "/" + mutation + "/" + transport;
    }
  }

  /** Source 0 is the trusted address (its INVITEs make calls); the others are challenged. */
  static final int TRUSTED = 0;

  private final long seed;
  private final int sources;
  private final IntFunction<SipCorpus.Peers> peers;

  /**
   * @param sources how many source addresses there are (index 0 trusted)
   * @param peers the addresses of a source index and transport token, for the Via and Contact
   */
  SipCases(long seed, int sources, IntFunction<SipCorpus.Peers> peers) {
    this.seed = seed;
    this.sources = sources;
    this.peers = peers;
  }

  /** A valid message of each kind in turn, every third over TCP: traffic that warms the node up. */
  SipCase control(long n) {
    SplittableRandom r = new SplittableRandom(mix(~seed, n));
    SipCorpus.Kind kind = SipCorpus.Kind.values()[(int) (n % SipCorpus.Kind.values().length)];
    Transport transport = n % 3 == 2 ? Transport.TCP : Transport.UDP;
    int source = makesCalls(kind, transport) ? TRUSTED : 1 + (int) (n % (sources - 1));
    byte[] bytes = SipCorpus.message(kind, peers(source, transport), r);
    return new SipCase(-1 - n, kind, "none", transport, source, bytes, bytes.length);
  }

  SipCase get(long n) {
    SplittableRandom r = new SplittableRandom(mix(seed, n));
    SipCorpus.Kind kind = SipCorpus.Kind.values()[r.nextInt(SipCorpus.Kind.values().length)];
    int t = r.nextInt(100);
    Transport transport = t < 86 ? Transport.UDP : t < 95 ? Transport.TCP : t < 98 ? Transport.TCP_HALF : Transport.TCP_OPEN;
    int source = makesCalls(kind, transport) && r.nextBoolean() ? TRUSTED : 1 + r.nextInt(sources - 1);
    String message = SipMutations.text(SipCorpus.message(kind, peers(source, transport), r));
    List<String> applied = new ArrayList<>();
    if (r.nextInt(100) < 3) {
      applied.add("none"); // a control: the valid message itself
    } else {
      int count = r.nextInt(10) < 6 ? 1 : r.nextInt(4) < 3 ? 2 : 3;
      for (int i = 0; i < count && !message.isEmpty(); i++) {
        SipMutations.Operator op = SipMutations.pick(r);
        message = op.mutation().apply(message, r);
        applied.add(op.name());
      }
    }
    // A datagram holds 65,507 bytes at most: a UDP case is cut there, so its bytes are what is sent.
    int limit = transport == Transport.UDP ? 65_000 : SipMutations.MAX_BYTES;
    if (message.length() > limit) {
      message = message.substring(0, limit);
    }
    byte[] bytes = SipMutations.bytes(message);
    int send = switch (transport) {
      case TCP_HALF -> bytes.length == 0 ? 0 : r.nextInt(bytes.length);
      case TCP_OPEN -> r.nextBoolean() || bytes.length == 0 ? bytes.length : r.nextInt(bytes.length);
      default -> bytes.length;
    };
    return new SipCase(n, kind, String.join("+", applied), transport, source, bytes, send);
  }

  /** INVITEs over UDP may come from the trusted source and make calls, which the fuzzer then ends. */
  private static boolean makesCalls(SipCorpus.Kind kind, Transport transport) {
    return (kind == SipCorpus.Kind.INVITE || kind == SipCorpus.Kind.SIPREC) && transport == Transport.UDP;
  }

  private SipCorpus.Peers peers(int source, Transport transport) {
    SipCorpus.Peers p = peers.apply(source);
    return transport == Transport.UDP ? p
        : new SipCorpus.Peers(p.nodeHost(), p.nodePort(), p.sourceHost(), p.sourcePort(), "TCP");
  }

  /** A 64-bit mix of seed and case number (SplitMix64's finalizer), so nearby cases are unrelated. */
  static long mix(long seed, long n) {
    long z = seed * 0x9E3779B97F4A7C15L + n + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

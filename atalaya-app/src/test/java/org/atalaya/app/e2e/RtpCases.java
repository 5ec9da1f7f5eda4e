package org.atalaya.app.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The RTP and RTCP cases of a seed, for a live call's anchored ports: each case is a short burst
 * of packets that lie about one thing (RFC 3550's header fields, RFC 4733 events, RTCP lengths),
 * or a bounded flood. Case {@code n} depends only on the seed and {@code n}.
 */
final class RtpCases {
  /** What a case breaks. */
  enum Kind {
    VALID, BAD_VERSION, SHORT, OVER_LONG, WRONG_PT, SEQ_JUMP, SSRC_CHANGE, CSRC_LIE, EXT_LIE, PADDING_LIE, TS_JUMP,
    DTMF_JUNK, RTCP_JUNK, EMPTY, RANDOM, FLOOD
  }

  /** A case: its packets, and whether they go to the RTCP port (the RTP port + 1) instead. */
  record RtpCase(long number, Kind kind, boolean toAgentLeg, boolean rtcpPort, List<byte[]> packets) {}

  /** A flood sends at most this many packets. */
  static final int FLOOD_MAX = 3000;

  private final long seed;

  RtpCases(long seed) {
    this.seed = seed;
  }

  RtpCase get(long n) {
    // A different stream from the SIP cases of the same seed.
    SplittableRandom r = new SplittableRandom(SipCases.mix(seed ^ 0x5254500000000000L, n));
    Kind kind = Kind.values()[r.nextInt(Kind.values().length)];
    boolean agentLeg = r.nextBoolean();
    long ssrc = r.nextLong(1L << 32);
    int seq = r.nextInt(1 << 16);
    long ts = r.nextLong(1L << 32);
    List<byte[]> packets = new ArrayList<>();
    boolean rtcpPort = false;
    switch (kind) {
      case VALID -> packets.add(rtp(0x80, r.nextBoolean() ? 0 : 8, seq, ts, ssrc, 160, r));
      case BAD_VERSION -> packets.add(rtp(new int[] {0x00, 0x40, 0xC0}[r.nextInt(3)] | r.nextInt(0x40), 0, seq, ts, ssrc, 160, r));
      case SHORT -> packets.add(random(r, r.nextInt(12), 0x80));
      case OVER_LONG -> packets.add(rtp(0x80, 0, seq, ts, ssrc, 1500 + r.nextInt(60_000), r));
      case WRONG_PT -> {
        for (int i = 0; i < 5; i++) {
          int pt = new int[] {2, 3, 9, 13, 18, 34, 72, 73, 76, 96, 100, 127}[r.nextInt(12)];
          packets.add(rtp(0x80, pt, seq + i, ts + 160L * i, ssrc, r.nextInt(400), r));
        }
      }
      case SEQ_JUMP -> {
        int[] steps = {1, 32768, 65535, 3000, 2999, 1, 0, 40000};
        for (int i = 0, s = seq; i < 8; i++, s += steps[r.nextInt(steps.length)]) {
          packets.add(rtp(0x80, 0, s, ts + 160L * i, ssrc, 160, r));
        }
      }
      case SSRC_CHANGE -> {
        long other = r.nextLong(1L << 32);
        for (int i = 0; i < 10; i++) {
          packets.add(rtp(0x80, 0, seq + i, ts + 160L * i, i % 2 == 0 ? ssrc : other ^ i, 160, r));
        }
      }
      case CSRC_LIE -> {
        int cc = 1 + r.nextInt(15);
        packets.add(rtp(0x80 | cc, 0, seq, ts, ssrc, r.nextInt(4 * cc + 1), r)); // fewer CSRC bytes than claimed
      }
      case EXT_LIE -> {
        byte[] p = rtp(0x90, 0, seq, ts, ssrc, 4 + r.nextInt(200), r);
        int words = new int[] {0xFFFF, 0x8000, 1000, 41, 0}[r.nextInt(5)];
        p[14] = (byte) (words >> 8);
        p[15] = (byte) words;
        packets.add(r.nextInt(4) == 0 ? java.util.Arrays.copyOf(p, 12 + r.nextInt(4)) : p);
      }
      case PADDING_LIE -> {
        byte[] p = rtp(0xA0, 0, seq, ts, ssrc, r.nextInt(200), r);
        p[p.length - 1] = (byte) new int[] {0, 255, p.length, p.length - 11, p.length + 1, 1}[r.nextInt(6)];
        packets.add(p);
      }
      case TS_JUMP -> {
        long[] jumps = {0, -160, 1L << 31, 0xFFFFFFFFL, 8000L * 3600, -8000L * 60};
        for (int i = 0; i < 6; i++) {
          packets.add(rtp(0x80, 0, seq + i, (ts + jumps[r.nextInt(jumps.length)]) & 0xFFFFFFFFL, ssrc, 160, r));
        }
      }
      case DTMF_JUNK -> {
        for (int i = 0; i < 6; i++) {
          byte[] p = rtp(0x80, 101, seq + i, ts, ssrc, new int[] {1, 2, 3, 4, 4, 8}[r.nextInt(6)], r);
          if (p.length >= 16) {
            p[12] = (byte) new int[] {0, 9, 11, 15, 16, 200, 255}[r.nextInt(7)];
            p[13] = (byte) (r.nextBoolean() ? 0x80 : r.nextInt(256)); // end bit, or anything
          }
          p[1] = (byte) ((r.nextBoolean() ? 0x80 : 0) | 101);
          packets.add(p);
        }
      }
      case RTCP_JUNK -> {
        rtcpPort = r.nextBoolean();
        packets.add(rtcp(r));
      }
      case EMPTY -> packets.add(new byte[0]);
      case RANDOM -> packets.add(random(r, 1 + r.nextInt(300), -1));
      case FLOOD -> {
        int count = 500 + r.nextInt(FLOOD_MAX - 500);
        long floodSsrc = r.nextBoolean() ? ssrc : -1;
        for (int i = 0; i < count; i++) {
          packets.add(rtp(0x80, 0, seq + i, ts + 160L * i, floodSsrc < 0 ? r.nextLong(1L << 32) : floodSsrc, 160, r));
        }
      }
    }
    return new RtpCase(n, kind, agentLeg, rtcpPort, packets);
  }

  /** An RTP packet: first byte {@code b0} (version, padding, extension, CSRC count), a random payload. */
  static byte[] rtp(int b0, int pt, int seq, long ts, long ssrc, int payload, SplittableRandom r) {
    byte[] p = new byte[12 + payload];
    p[0] = (byte) b0;
    p[1] = (byte) (pt & 0x7F);
    p[2] = (byte) (seq >> 8);
    p[3] = (byte) seq;
    for (int i = 0; i < 4; i++) {
      p[4 + i] = (byte) (ts >> (24 - 8 * i));
      p[8 + i] = (byte) (ssrc >> (24 - 8 * i));
    }
    for (int i = 12; i < p.length; i++) {
      p[i] = (byte) (0x55 ^ r.nextInt(8)); // near silence in G.711, so a call still sounds like one
    }
    return p;
  }

  /** A compound RTCP packet of 1-4 parts (SR, RR, SDES, BYE, APP) whose lengths and counts may lie. */
  private static byte[] rtcp(SplittableRandom r) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int part = 1 + r.nextInt(4); part > 0; part--) {
      int pt = 200 + r.nextInt(5);
      int count = r.nextInt(32);
      int words = r.nextInt(8);
      int claimed = switch (r.nextInt(4)) {
        case 0 -> words;
        case 1 -> 0xFFFF;
        case 2 -> words + 1 + r.nextInt(100);
        default -> 0;
      };
      out.write(0x80 | (r.nextInt(5) == 0 ? 0x20 : 0) | count);
      out.write(pt);
      out.write(claimed >> 8);
      out.write(claimed);
      for (int i = 0; i < 4 * words; i++) {
        out.write(r.nextInt(256));
      }
    }
    if (r.nextInt(4) == 0) {
      out.write(r.nextInt(256)); // not a multiple of 4
    }
    return out.toByteArray();
  }

  private static byte[] random(SplittableRandom r, int length, int first) {
    byte[] p = new byte[length];
    for (int i = 0; i < length; i++) {
      p[i] = (byte) r.nextInt(256);
    }
    if (first >= 0 && length > 0) {
      p[0] = (byte) first;
    }
    return p;
  }
}

package org.atalaya.bench;

/** A by-hand check of {@link TimestampGaps} (the bench project has no test framework): run it, it exits 1 on a mismatch. */
public final class TimestampGapsCheck {
  private static final int P = 160; // one packet's timestamp step

  private TimestampGapsCheck() {}

  public static void main(String[] args) {
    int failures = 0;
    TimestampGaps g = new TimestampGaps(65536);
    send(g, 0, 1_000, 0, 1, 2, 3, 4, 5);
    failures += check("in order", "lost 0, reordered 0", g);

    g = new TimestampGaps(1);
    send(g, 0, 1_000, 0, 1, 3, 4);
    failures += check("a missing packet", "lost 1, reordered 0", g);
    send(g, 0, 1_000, 2, 5);
    failures += check("that packet, late", "lost 0, reordered 1", g);

    g = new TimestampGaps(1);
    send(g, 0, 1_000, 0, 1, 1, 2, 2, 3);
    failures += check("duplicates", "lost 0, reordered 0", g);

    g = new TimestampGaps(2);
    send(g, 0, -2 * P - 40, 0, 1, 2, 3, 4); // 0xFFFFFE98 .. 0x00000118: wraps between 2 and 3
    failures += check("32-bit wrap, in order", "lost 0, reordered 0", g);
    send(g, 1, -2 * P - 40, 0, 1, 3, 4);
    failures += check("a gap across the wrap", "lost 1, reordered 0", g);
    send(g, 1, -2 * P - 40, 2);
    failures += check("its packet, late across the wrap", "lost 0, reordered 1", g);

    g = new TimestampGaps(65536);
    for (int k = 0; k < 10; k++) { // interleaved, 5 packets apart: one shared state would see jumps
      if (k != 4) {
        send(g, 7, 0, k);
      }
      send(g, 65535, 5 * P, k);
    }
    failures += check("two streams, a gap in one", "lost 1, reordered 0", g);

    g = new TimestampGaps(1);
    send(g, 0, 1_000, 0, 1, 3);
    g.reset();
    send(g, 0, 1_000, 2, 3, 4); // a new stream on a reused port: its first packet is not late
    failures += check("reset forgets the streams, keeps the counts", "lost 1, reordered 0", g);

    g = new TimestampGaps(1);
    send(g, 0, 1_000, 0, 1);
    g.packet(0, 1_000 + 2 * P + 80); // a packet and a half on: no gap, but the stream moves on
    g.packet(0, 1_000 + 5 * P + 80); // three packets on from there: two missing
    g.packet(0, 1_000 + 3 * P); // behind, not by whole packets: nothing
    failures += check("jumps that are not whole packets", "lost 2, reordered 0", g);

    g = new TimestampGaps(1);
    send(g, 0, 1_000, 0, 1, 1_001, 1_002, 1_999);
    failures += check("jumps of 1000 packets and more", "lost 996, reordered 0", g);

    System.out.println(failures == 0 ? "all ok" : failures + " failure(s)");
    System.exit(failures == 0 ? 0 : 1);
  }

  /** Packets numbered {@code packets} of {@code stream}, whose packet 0 has timestamp {@code ts0}. */
  private static void send(TimestampGaps g, int stream, int ts0, int... packets) {
    for (int k : packets) {
      g.packet(stream, ts0 + k * P);
    }
  }

  private static int check(String what, String expected, TimestampGaps g) {
    String actual = "lost " + g.lost() + ", reordered " + g.reordered();
    if (expected.equals(actual)) {
      System.out.println("ok: " + what);
      return 0;
    }
    System.out.println("FAIL: " + what + "\n  expected " + expected + "\n  actual   " + actual);
    return 1;
  }
}

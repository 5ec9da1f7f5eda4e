package org.atalaya.bench.rtpengine;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A by-hand check of {@link Bencode} (the bench project has no test framework): run it, it exits 1 on a mismatch. */
public final class BencodeCheck {
  private BencodeCheck() {}

  public static void main(String[] args) {
    int failures = 0;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sdp", "v=0\r\ns=é\r\n"); // é is two bytes: the length must count bytes
    m.put("command", "offer");
    m.put("flags", List.of("trust-address", 7L));
    m.put("n", -12);
    String enc = new String(Bencode.encode(m), StandardCharsets.UTF_8);
    failures += check("encode sorts keys, counts bytes",
        "d7:command5:offer5:flagsl13:trust-addressi7ee1:ni-12e3:sdp11:v=0\r\ns=é\r\ne", enc);
    Object back = Bencode.decode(enc.getBytes(StandardCharsets.UTF_8));
    failures += check("round trip", "{command=offer, flags=[trust-address, 7], n=-12, sdp=v=0\r\ns=é\r\n}",
        String.valueOf(back));
    // rtpengine answers with unsorted keys; the decoder keeps arrival order
    Object reply = Bencode.decode("d6:result2:ok3:sdp3:v=0e".getBytes(StandardCharsets.US_ASCII));
    failures += check("unsorted", "{result=ok, sdp=v=0}", String.valueOf(reply));
    failures += check("empty dict, list, string", "{}|[]||",
        Bencode.decode("de".getBytes()) + "|" + Bencode.decode("le".getBytes()) + "|"
            + Bencode.decode("0:".getBytes()) + "|");
    for (String bad : List.of("d3:abc", "i12", "5:abc", "ie", "x", "i1ei2e", "di1ei2ee")) {
      try {
        Bencode.decode(bad.getBytes(StandardCharsets.US_ASCII));
        System.out.println("FAIL: accepted " + bad);
        failures++;
      } catch (IllegalArgumentException expected) {
        System.out.println("ok: rejects " + bad + " (" + expected.getMessage() + ")");
      }
    }
    System.out.println(failures == 0 ? "all ok" : failures + " failure(s)");
    System.exit(failures == 0 ? 0 : 1);
  }

  private static int check(String what, String expected, String actual) {
    if (expected.equals(actual)) {
      System.out.println("ok: " + what);
      return 0;
    }
    System.out.println("FAIL: " + what + "\n  expected " + expected + "\n  actual   " + actual);
    return 1;
  }
}

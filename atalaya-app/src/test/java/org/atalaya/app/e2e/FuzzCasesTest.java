package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fuzz generators are reproducible: a seed and a case number give the same bytes, always. */
class FuzzCasesTest {
  private static SipCases sip(long seed) {
    return new SipCases(seed, SipFuzzer.UNTRUSTED + 1,
        source -> new SipCorpus.Peers("127.0.0.1", 50600, SipFuzzer.host(source), 40000 + source, "UDP"));
  }

  @Test
  void theSameSeedGivesTheSameSipCasesInAnyOrder() {
    SipCases a = sip(42);
    SipCases b = sip(42);
    for (long n = 999; n >= 0; n--) { // b asked in the other order: no case depends on those before it
      SipCases.SipCase x = a.get(999 - n);
      SipCases.SipCase y = b.get(999 - n);
      assertThat(y.bytes()).isEqualTo(x.bytes());
      assertThat(y.label()).isEqualTo(x.label());
      assertThat(y.sendBytes()).isEqualTo(x.sendBytes());
    }
    assertThat(sip(42).get(500).bytes()).isEqualTo(a.get(500).bytes());
  }

  @Test
  void anotherSeedGivesOtherCases() {
    int same = 0;
    for (long n = 0; n < 200; n++) {
      if (Arrays.equals(sip(1).get(n).bytes(), sip(2).get(n).bytes())) {
        same++;
      }
    }
    assertThat(same).isLessThan(5);
  }

  @Test
  void tenThousandCasesCoverEveryKindTransportAndOperatorWithinTheirSizeLimits() {
    SipCases cases = sip(7);
    Set<String> seen = new HashSet<>();
    for (long n = 0; n < 10_000; n++) {
      SipCases.SipCase c = cases.get(n);
      seen.add(c.kind().name());
      seen.add(c.transport().name());
      seen.addAll(Arrays.asList(c.mutation().split("\\+")));
      assertThat(c.bytes().length).isLessThanOrEqualTo(c.transport() == SipCases.Transport.UDP ? 65_000 : SipMutations.MAX_BYTES);
      assertThat(c.sendBytes()).isBetween(0, c.bytes().length);
    }
    for (SipCorpus.Kind k : SipCorpus.Kind.values()) {
      assertThat(seen).contains(k.name());
    }
    for (SipCases.Transport t : SipCases.Transport.values()) {
      assertThat(seen).contains(t.name());
    }
    for (SipMutations.Operator op : SipMutations.OPERATORS) {
      assertThat(seen).contains(op.name());
    }
  }

  @Test
  void theSameSeedGivesTheSameRtpCases() {
    RtpCases a = new RtpCases(9);
    RtpCases b = new RtpCases(9);
    Set<RtpCases.Kind> kinds = new HashSet<>();
    for (long n = 0; n < 2000; n++) {
      RtpCases.RtpCase x = a.get(n);
      RtpCases.RtpCase y = b.get(n);
      kinds.add(x.kind());
      assertThat(y.kind()).isEqualTo(x.kind());
      assertThat(y.packets()).hasSameSizeAs(x.packets());
      for (int i = 0; i < x.packets().size(); i++) {
        assertThat(y.packets().get(i)).isEqualTo(x.packets().get(i));
      }
      assertThat(x.packets().size()).isLessThanOrEqualTo(RtpCases.FLOOD_MAX);
    }
    assertThat(kinds).containsExactlyInAnyOrder(RtpCases.Kind.values());
  }

  @Test
  void theValidMessagesAreWellFormed() {
    SipCases cases = sip(3);
    for (int n = 0; n < 12; n++) {
      String m = SipMutations.text(cases.control(n).bytes());
      int blank = m.indexOf("\r\n\r\n");
      assertThat(blank).isPositive();
      int length = Integer.parseInt(m.replaceAll("(?s).*\r\nContent-Length: (\\d+)\r\n.*", "$1"));
      assertThat(m.length() - blank - 4).as(m).isEqualTo(length);
      assertThat(m).contains("\r\nVia: SIP/2.0/").contains("\r\nCall-ID: ").contains("\r\nCSeq: ");
    }
  }
}

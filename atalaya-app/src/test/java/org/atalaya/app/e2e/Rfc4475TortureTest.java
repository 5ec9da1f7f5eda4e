package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message of RFC 4475 ("SIP Torture Test Messages") against a real node on loopback, each
 * getting what the RFC asks of an endpoint: one row of EXPECTED.tsv is one case, and the answer
 * this B2BUA must give is in {@link #EXPECTED} below. The messages come from an untrusted address
 * (127.0.0.2), as from the Internet, so no INVITE among them can start a call: an INVITE that
 * passes the checks is challenged (407). After the run the node must still register a phone and
 * take a call, and it must never have looked up a host named in any of the messages.
 *
 * <p>The messages are read from {@code shared/external/rfc4475} beside the checkout (never copied
 * into the repository); without them the test is skipped, except on CI, which has them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Rfc4475TortureTest {
  /** What Atalaya answers: a final status code, or {@link #SILENCE} for no answer at all. */
  private record Expect(int udp, int tcp, String why) {
    static final int SILENCE = 0;
    static final int NOT_SENT = -1;
  }

  private static Expect udp(int code, String why) {
    return new Expect(code, Expect.NOT_SENT, why);
  }

  private static final Map<String, Expect> EXPECTED = Map.ofEntries(
      // 3.1.1 valid messages: parsed and handled as usual.
      Map.entry("wsinv", udp(481, "parsed; its To has a tag, and a request in a dialog this node does not have gets 481 (RFC 3261 12.2.2)")),
      Map.entry("intmeth", udp(501, "unknown method: 501 Not Implemented with Allow")),
      Map.entry("esc01", udp(407, "escapes accepted: an INVITE, challenged")),
      Map.entry("escnull", udp(401, "REGISTER: challenged (unknown users are challenged like known ones)")),
      Map.entry("esc02", udp(501, "RE%47IST%45R is an unknown method, not REGISTER")),
      Map.entry("lwsdisp", udp(200, "OPTIONS answered")),
      Map.entry("longreq", udp(407, "long values are no reason to refuse: challenged")),
      Map.entry("dblreq", udp(401, "the REGISTER is challenged, the octets after Content-Length are ignored")),
      Map.entry("semiuri", udp(200, "OPTIONS answered")),
      Map.entry("transports", udp(200, "OPTIONS answered; unknown transports in lower Vias do not matter")),
      Map.entry("mpart01", udp(405, "MESSAGE is known but not served: 405 with Allow, body framed by Content-Length")),
      Map.entry("unreason", udp(Expect.SILENCE, "a stray response is discarded")),
      Map.entry("noreason", udp(Expect.SILENCE, "a stray response is discarded")),
      // 3.1.2 invalid messages.
      Map.entry("badinv01", udp(400, "extra separators in Via and Contact")),
      Map.entry("clerr", new Expect(400, Expect.SILENCE, "UDP: body shorter than Content-Length; TCP: wait for the rest")),
      Map.entry("ncl", new Expect(400, 400, "negative Content-Length")),
      Map.entry("scalar02", udp(400, "CSeq above 2**32-1")),
      Map.entry("scalarlg", udp(Expect.SILENCE, "a response with overlarge values is discarded")),
      Map.entry("quotbal", udp(400, "unterminated quoted string")),
      Map.entry("ltgtruri", udp(400, "Request-URI in <>")),
      Map.entry("lwsruri", udp(400, "LWS inside the Request-URI")),
      Map.entry("lwsstart", udp(407, "liberal: the extra SP are ignored (RFC 4475 allows it), the INVITE challenged")),
      Map.entry("trws", udp(200, "liberal: the trailing SP is ignored (allowed), the OPTIONS answered")),
      Map.entry("escruri", udp(407, "the Request-URI's headers are ignored (allowed; nothing is forwarded), challenged")),
      Map.entry("baddate", udp(407, "Date does not matter here: ignored, the INVITE is challenged")),
      Map.entry("regbadct", udp(401, "the brackets are inferred (allowed): a REGISTER, challenged")),
      Map.entry("badaspec", udp(200, "liberal: the spaces are ignored (allowed), the OPTIONS answered")),
      Map.entry("baddn", udp(200, "the quotes are inferred (allowed for an endpoint), the OPTIONS answered")),
      Map.entry("baddn-crlf-fixed", udp(200, "the same request as baddn again: its transaction answers it again")),
      Map.entry("badvers", udp(505, "SIP/7.0: 505 Version Not Supported")),
      Map.entry("mismatch01", udp(400, "CSeq method differs from the request method")),
      Map.entry("mismatch02", udp(501, "unknown method: 501 before the CSeq mismatch")),
      Map.entry("bigcode", udp(Expect.SILENCE, "a response with a 10-digit code is dropped")),
      // 3.2 transaction layer.
      Map.entry("badbranch", udp(200, "branch is only the magic cookie: matched RFC 2543-style, answered")),
      // 3.3 application layer.
      Map.entry("insuf", udp(Expect.SILENCE, "no Call-ID, From or To: nothing to build a response from")),
      Map.entry("unkscm", udp(416, "unknown Request-URI scheme")),
      Map.entry("novelsc", udp(416, "soap.beep is never meaningful here")),
      Map.entry("unksm2", udp(400, "a REGISTER's To must be a SIP or SIPS URI")),
      Map.entry("bext01", udp(420, "unsupported Require: 420 with Unsupported")),
      Map.entry("invut", udp(415, "unknown body type: 415 with Accept")),
      Map.entry("regaut01", udp(401, "unknown Authorization scheme: challenged")),
      Map.entry("multi01", udp(400, "several values in single-value headers")),
      Map.entry("mcl01", new Expect(400, 400, "conflicting Content-Length values")),
      Map.entry("bcast", udp(Expect.SILENCE, "a stray response is discarded, never forwarded")),
      Map.entry("zeromf", udp(200, "an endpoint answers Max-Forwards 0 (no 483)")),
      Map.entry("cparam01", udp(401, "REGISTER: challenged")),
      Map.entry("cparam02", udp(401, "REGISTER: challenged")),
      Map.entry("regescrt", udp(401, "REGISTER: challenged")),
      Map.entry("sdp01", udp(406, "INVITE whose Accept excludes application/sdp")),
      // 3.4 backward compatibility.
      Map.entry("inv2543", udp(407, "an RFC 2543 INVITE is accepted: challenged")),
      Map.entry("test", udp(Expect.SILENCE, "no Via, no CSeq and no SIP-Version: no answer can be addressed")));

  /** The reason phrase of each code Atalaya may send: fixed texts, never parser internals. */
  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(100, "Trying"), Map.entry(200, "OK"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
      Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
      Map.entry(406, "Not Acceptable"), Map.entry(407, "Proxy Authentication Required"),
      Map.entry(415, "Unsupported Media Type"), Map.entry(416, "Unsupported URI Scheme"),
      Map.entry(420, "Bad Extension"), Map.entry(481, "Call/Transaction Does Not Exist"), Map.entry(501, "Not Implemented"), Map.entry(505, "Version Not Supported"));

  private static final String SENDER = "127.0.0.2";

  @TempDir static Path dir;
  static NodeHarness atalaya;
  static TortureCorpus corpus;
  static int lookupsBefore;
  static RawSipPeer peer;

  @BeforeAll
  static void startNode() throws Exception {
    Optional<TortureCorpus> found = TortureCorpus.find();
    if (found.isEmpty() && TortureCorpus.required()) {
      fail("CI=true but " + TortureCorpus.WHERE + " is not beside the checkout (from " + System.getProperty("user.dir") + ")");
    }
    assumeTrue(found.isPresent(), TortureCorpus.WHERE + " not found beside the checkout: RFC 4475 messages not run");
    corpus = found.get();
    // Only 127.0.0.1 is trusted: the torture comes from 127.0.0.2, whose INVITEs are challenged and
    // so never reach call control (their SDP names addresses nobody may send RTP to).
    atalaya = NodeHarness.start(dir.resolve("data"), 59500, 5, 10, c -> c.withSipTrustedNetworks(List.of("127.0.0.1/32")));
    atalaya.addAgent("1301", "torture-pass-1301");
    // The recorder must be live, or the no-lookup check below would pass for nothing.
    try {
      java.net.InetAddress.getByName("recorder-self-check.invalid");
    } catch (java.net.UnknownHostException expected) {
      // as it should
    }
    assertThat(RecordingResolverProvider.lookedUp()).as("the name recorder is installed").contains("recorder-self-check.invalid");
    lookupsBefore = RecordingResolverProvider.lookedUp().size();
    peer = new RawSipPeer(SENDER, atalaya.sipPort);
  }

  @AfterAll
  static void stopNode() {
    if (peer != null) {
      peer.close();
    }
    if (atalaya != null) {
      atalaya.close();
    }
  }

  static Stream<Arguments> messages() throws Exception {
    Optional<TortureCorpus> found = TortureCorpus.find();
    if (found.isEmpty()) {
      return Stream.of(Arguments.of(new TortureCorpus.Row("(none)", "", "", "", "")));
    }
    return found.get().rows().stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  @Order(1)
  void eachMessageGetsWhatTheRfcAsks(TortureCorpus.Row row) throws Exception {
    Expect expect = EXPECTED.get(row.name());
    assertThat(expect).as("this test's table has a line for %s (%s)", row.name(), row.title()).isNotNull();
    byte[] message = corpus.message(row.name());
    RawSipPeer.Outcome overUdp = peer.udp(message, expect.udp() == Expect.SILENCE ? 1500 : 4000,
        row.name().equals("dblreq") ? 1000 : 0);
    check(row, "UDP", expect.udp(), overUdp);
    if (row.name().equals("dblreq")) {
      assertThat(overUdp.heard()).as("dblreq: one REGISTER processed, the trailing INVITE ignored")
          .allSatisfy(h -> assertThat(h.header("CSeq", null)).endsWith("REGISTER"));
    }
    if (expect.tcp() != Expect.NOT_SENT) {
      // A stream whose message never ends is closed by the edge after its read timeout (8 s).
      boolean waitsForClose = expect.tcp() == Expect.SILENCE;
      RawSipPeer.Outcome overTcp = peer.tcp(message, waitsForClose ? 15000 : 4000);
      check(row, "TCP", expect.tcp(), overTcp);
      if (waitsForClose) {
        assertThat(overTcp.closed()).as("%s over TCP: the connection is closed when the rest never comes", row.name())
            .isTrue();
      }
    }
  }

  private static void check(TortureCorpus.Row row, String transport, int expected, RawSipPeer.Outcome outcome) {
    String what = row.name() + " over " + transport + " (" + row.title() + "): " + EXPECTED.get(row.name()).why()
        + "; heard " + outcome;
    assertThat(outcome.code()).as(what).isEqualTo(expected);
    for (RawSipPeer.Heard h : outcome.heard()) {
      assertThat(h.reason()).as("reason phrase of %s: %s", what, h).isEqualTo(REASONS.get(h.code()));
    }
    RawSipPeer.Heard answer = outcome.answer();
    if (answer == null) {
      return;
    }
    switch (answer.code()) {
      case 405, 501 -> assertThat(answer.header("Allow", null)).as("Allow in " + what).contains("INVITE").contains("OPTIONS");
      case 415 -> assertThat(answer.header("Accept", null)).as("Accept in " + what).contains("application/sdp");
      case 420 -> assertThat(answer.header("Unsupported", null)).as("Unsupported in " + what)
          .contains("nothingSupportsThis").contains("nothingSupportsThisEither").doesNotContain("noProxiesSupportThis");
      default -> { }
    }
  }

  @Test
  @Order(2)
  void afterwardsTheNodeStillRegistersAndTakesACallAndNeverLookedUpAHostOfTheMessages() throws Exception {
    assumeTrue(corpus != null, "no RFC 4475 messages were run");
    try (RtpProbe ear = new RtpProbe();
        Sipp customer = Sipp.start(dir.resolve("call"), "customer-hears-message",
            Map.of("RTPPORT", "" + ear.port(), "PT", "0", "CODEC", "PCMU"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "30")) {
      // No agent is registered yet: the call is taken, the caller hears the message, the node hangs up.
      assertThat(customer.await(40)).as(customer.logs()).isZero();
    }

    int port = NodeHarness.freePort();
    atalaya.register(dir.resolve("reg"), port, "1301", "torture-pass-1301");
    assertThat(atalaya.node.sip().registration("1301")).isPresent();
    atalaya.awaitNothingLeft();

    List<String> looked = RecordingResolverProvider.lookedUp();
    List<String> during = new ArrayList<>(looked.subList(lookupsBefore, looked.size()));
    StringBuilder all = new StringBuilder();
    for (TortureCorpus.Row row : corpus.rows()) {
      all.append(new String(corpus.message(row.name()), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)).append('\n');
    }
    assertThat(during).as("names looked up while the torture ran (none may come from a message)")
        .noneMatch(name -> all.indexOf(name) >= 0);
  }
}

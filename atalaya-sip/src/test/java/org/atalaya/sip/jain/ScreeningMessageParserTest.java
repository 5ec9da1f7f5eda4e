package org.atalaya.sip.jain;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Requests the stack's parser let through or answered with its internals as the reason phrase:
 * each becomes a stand-in carrying the status to answer, and the answer echoes the request's own
 * header lines under a fixed reason phrase.
 */
class ScreeningMessageParserTest {
  private static final String HEAD = "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK-parse\r\n"
      + "From: <sip:caller@example.invalid>;tag=p1\r\n"
      + "To: <sip:2000@example.invalid>\r\n"
      + "Call-ID: parse-1\r\n"
      + "Max-Forwards: 70\r\n";

  private static SIPMessage parse(String text, boolean datagram) throws Exception {
    return new ScreeningMessageParser().parseSIPMessage(text.getBytes(StandardCharsets.ISO_8859_1), datagram, false,
        null);
  }

  private static Malformed malformed(String text) throws Exception {
    SIPMessage m = parse(text, true);
    assertThat(m.getApplicationData()).as("a stand-in for a malformed request").isInstanceOf(Malformed.class);
    assertThat(((SIPRequest) m).getMethod()).isEqualTo(ScreeningMessageParser.STAND_IN_METHOD);
    return (Malformed) m.getApplicationData();
  }

  @Test
  void anotherSipVersionIs505() throws Exception {
    assertThat(malformed("OPTIONS sip:2000@example.invalid SIP/3.0\r\n" + HEAD + "CSeq: 1 OPTIONS\r\n\r\n").status())
        .isEqualTo(505);
  }

  @Test
  void twoDifferentContentLengthsAreABadRequestThatLosesTheFraming() throws Exception {
    Malformed m = malformed("OPTIONS sip:2000@example.invalid SIP/2.0\r\n" + HEAD
        + "CSeq: 1 OPTIONS\r\nContent-Length: 4\r\nContent-Type: text/plain\r\nl: 2\r\n\r\nabcd");
    assertThat(m.status()).isEqualTo(400);
    assertThat(m.framingLost()).isTrue();
  }

  @Test
  void aNegativeContentLengthAndOneLongerThanTheDatagramAreBadRequests() throws Exception {
    assertThat(malformed("OPTIONS sip:2000@example.invalid SIP/2.0\r\n" + HEAD
        + "CSeq: 1 OPTIONS\r\nContent-Length: -5\r\n\r\n").status()).isEqualTo(400);
    assertThat(malformed("OPTIONS sip:2000@example.invalid SIP/2.0\r\n" + HEAD
        + "CSeq: 1 OPTIONS\r\nContent-Type: text/plain\r\nContent-Length: 500\r\n\r\nshort").status()).isEqualTo(400);
  }

  @Test
  void overAStreamALongerContentLengthOnlyMeansMoreToRead() throws Exception {
    SIPMessage m = parse("OPTIONS sip:2000@example.invalid SIP/2.0\r\n" + HEAD
        + "CSeq: 1 OPTIONS\r\nContent-Length: 500\r\n\r\n", false);
    assertThat(m.getApplicationData()).isNull();
  }

  @Test
  void aSecondCallIdIsABadRequestNotTheFirstOneTaken() throws Exception {
    assertThat(malformed("OPTIONS sip:2000@example.invalid SIP/2.0\r\n" + HEAD
        + "Call-ID: parse-2\r\nCSeq: 1 OPTIONS\r\n\r\n").detail()).contains("Call-ID");
  }

  @Test
  void aCseqOfAnotherMethodIs400OrForAnUnknownMethod501() throws Exception {
    assertThat(malformed("OPTIONS sip:2000@example.invalid SIP/2.0\r\n" + HEAD + "CSeq: 1 INVITE\r\n\r\n").status())
        .isEqualTo(400);
    assertThat(malformed("FROBNICATE sip:2000@example.invalid SIP/2.0\r\n" + HEAD + "CSeq: 1 INVITE\r\n\r\n").status())
        .isEqualTo(501);
  }

  @Test
  void anUnparseableViaOrToIsABadRequestButABadDateIsIgnored() throws Exception {
    assertThat(malformed("OPTIONS sip:2000@example.invalid SIP/2.0\r\n"
        + HEAD.replace(";branch=z9hG4bK-parse", ";;,;,,") + "CSeq: 1 OPTIONS\r\n\r\n").status()).isEqualTo(400);
    assertThat(malformed("OPTIONS sip:2000@example.invalid SIP/2.0\r\n"
        + HEAD.replace("To: <sip:2000@example.invalid>", "To: \"Unclosed <sip:2000@example.invalid>")
        + "CSeq: 1 OPTIONS\r\n\r\n").status()).isEqualTo(400);
    SIPMessage dated = parse("OPTIONS sip:2000@example.invalid SIP/2.0\r\n" + HEAD
        + "CSeq: 1 OPTIONS\r\nDate: someday, in some zone\r\nContent-Length: 0\r\n\r\n", true);
    assertThat(dated.getApplicationData()).isNull();
  }

  @Test
  void aViaNamingAnotherTransportIsMadeToNameTheOneTheRequestCameOver() throws Exception {
    SIPRequest r = (SIPRequest) parse("OPTIONS sip:2000@example.invalid SIP/2.0\r\n"
        + HEAD.replace("SIP/2.0/UDP", "SIP/2.0/TLS") + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n", true);
    assertThat(r.getApplicationData()).isNull();
    assertThat(r.getTopmostVia().getTransport()).isEqualTo("UDP");
  }

  @Test
  void twoClientsReusingABranchAreTwoTransactionsButARetransmissionIsTheSame() throws Exception {
    String a = "REGISTER sip:example.invalid SIP/2.0\r\n" + HEAD + "CSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";
    String b = a.replace("Call-ID: parse-1", "Call-ID: parse-other");
    String c = a.replace("192.0.2.9", "192.0.2.10");
    String id = parse(a, true).getTransactionId();
    assertThat(parse(a, true).getTransactionId()).isEqualTo(id);
    assertThat(parse(b, true).getTransactionId()).isNotEqualTo(id);
    assertThat(parse(c, true).getTransactionId()).isNotEqualTo(id);
    String invite = "INVITE sip:2000@example.invalid SIP/2.0\r\n" + HEAD + "CSeq: 7 INVITE\r\nContent-Length: 0\r\n\r\n";
    String ack = invite.replace("INVITE sip", "ACK sip").replace("CSeq: 7 INVITE", "CSeq: 7 ACK");
    assertThat(parse(ack, true).getTransactionId()).as("the ACK of a non-2xx answer finds its INVITE")
        .isEqualTo(parse(invite, true).getTransactionId());
  }

  @Test
  void theAnswerToAMalformedRequestEchoesItsLinesUnderAFixedReason() throws Exception {
    Malformed m = malformed("INVITE sip:2000@example.invalid SIP/2.0\r\n"
        + HEAD.replace(";branch=z9hG4bK-parse", ";;,;,,") + "CSeq: 9 INVITE\r\n\r\n");
    String answer = Refusals.malformed(m).encode();
    assertThat(answer).startsWith("SIP/2.0 400 Bad Request\r\n")
        .contains("\r\nVia: SIP/2.0/UDP 192.0.2.9;;,;,,\r\n")
        .contains("\r\nCall-ID: parse-1\r\n").contains("\r\nCSeq: 9 INVITE\r\n")
        .containsPattern("\r\nTo: <sip:2000@example.invalid>;tag=\\w+\r\n")
        .endsWith("Content-Length: 0\r\n\r\n");
    Malformed noCallId = malformed("INVITE sip:2000@example.invalid SIP/2.0\r\n"
        + HEAD.replace("Call-ID: parse-1\r\n", "") + "CSeq: 9 INVITE\r\n\r\n");
    assertThat(Refusals.malformed(noCallId)).as("nothing to address an answer with").isNull();
  }
}

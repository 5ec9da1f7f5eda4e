package org.atalaya.sip.jain;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the screen answers to well-formed requests Atalaya cannot serve, and what it lets through. */
class RequestScreenTest {
  private static SIPRequest request(String startLine, String... extra) throws Exception {
    String method = startLine.substring(0, startLine.indexOf(' '));
    StringBuilder text = new StringBuilder(startLine).append("\r\n")
        .append("Via: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-screen\r\n")
        .append("From: <sip:caller@example.invalid>;tag=a1\r\n")
        .append("To: <sip:2000@example.invalid>\r\n")
        .append("Call-ID: screen-1\r\n")
        .append("CSeq: 1 ").append(method).append("\r\n")
        .append("Max-Forwards: 70\r\n");
    String body = "";
    for (String h : extra) {
      if (h.startsWith("\n")) {
        body = h.substring(1);
      } else {
        text.append(h).append("\r\n");
      }
    }
    text.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
    return (SIPRequest) new ScreeningMessageParser().parseSIPMessage(text.toString().getBytes(StandardCharsets.UTF_8),
        true, false, null);
  }

  private static RequestScreen.Verdict.Refuse refused(SIPRequest r) {
    RequestScreen.Verdict v = RequestScreen.check(r);
    assertThat(v).isInstanceOf(RequestScreen.Verdict.Refuse.class);
    return (RequestScreen.Verdict.Refuse) v;
  }

  @Test
  void aMethodNobodyDefinedIsNotImplementedAndAKnownUnservedOneNotAllowed() throws Exception {
    RequestScreen.Verdict.Refuse unknown = refused(request("FROBNICATE sip:2000@example.invalid SIP/2.0"));
    assertThat(unknown.status()).isEqualTo(501);
    assertThat(unknown.headers().get("Allow")).contains("INVITE").contains("OPTIONS").contains("REGISTER");
    RequestScreen.Verdict.Refuse message = refused(request("MESSAGE sip:2000@example.invalid SIP/2.0"));
    assertThat(message.status()).isEqualTo(405);
    assertThat(message.headers()).containsKey("Allow");
  }

  @Test
  void aRequestUriOfAnUnknownSchemeIsRefusedWith416() throws Exception {
    assertThat(refused(request("OPTIONS gopher:whatever SIP/2.0")).status()).isEqualTo(416);
  }

  @Test
  void requiredExtensionsAreListedAsUnsupportedButProxyRequireIsNotOurs() throws Exception {
    RequestScreen.Verdict.Refuse r = refused(request("OPTIONS sip:2000@example.invalid SIP/2.0",
        "Require: foo, bar", "Proxy-Require: for-proxies"));
    assertThat(r.status()).isEqualTo(420);
    assertThat(r.headers().get("Unsupported")).isEqualTo("foo, bar");
    assertThat(RequestScreen.check(request("OPTIONS sip:2000@example.invalid SIP/2.0", "Proxy-Require: x")))
        .isInstanceOf(RequestScreen.Verdict.Serve.class);
  }

  @Test
  void aCancelOrAckIsNeverRefusedForItsRequire() throws Exception {
    assertThat(RequestScreen.check(request("CANCEL sip:2000@example.invalid SIP/2.0", "Require: foo")))
        .isInstanceOf(RequestScreen.Verdict.Serve.class);
    assertThat(RequestScreen.check(request("ACK sip:2000@example.invalid SIP/2.0", "Require: foo")))
        .isInstanceOf(RequestScreen.Verdict.Serve.class);
  }

  @Test
  void anInviteMustOfferSdpAndAcceptItBack() throws Exception {
    RequestScreen.Verdict.Refuse body = refused(request("INVITE sip:2000@example.invalid SIP/2.0",
        "Content-Type: text/x-whatever", "\nhello"));
    assertThat(body.status()).isEqualTo(415);
    assertThat(body.headers().get("Accept")).isEqualTo("application/sdp");
    assertThat(refused(request("INVITE sip:2000@example.invalid SIP/2.0", "Accept: text/x-only")).status())
        .isEqualTo(406);
    assertThat(RequestScreen.check(request("INVITE sip:2000@example.invalid SIP/2.0", "Accept: application/*",
        "Content-Type: application/sdp", "\nv=0\r\n"))).isInstanceOf(RequestScreen.Verdict.Serve.class);
  }

  @Test
  void aRegisterForANonSipAddressOfRecordIsABadRequest() throws Exception {
    SIPRequest r = request("REGISTER sip:example.invalid SIP/2.0");
    r.getTo().setAddress(new gov.nist.javax.sip.address.AddressFactoryImpl().createAddress("<tel:+34600111222>"));
    assertThat(refused(r).status()).isEqualTo(400);
  }

  @Test
  void anOrdinaryOptionsOrRegisterPasses() throws Exception {
    assertThat(RequestScreen.check(request("OPTIONS sip:2000@example.invalid SIP/2.0")))
        .isInstanceOf(RequestScreen.Verdict.Serve.class);
    assertThat(RequestScreen.check(request("REGISTER sip:example.invalid SIP/2.0", "Contact: <sip:2000@192.0.2.7>")))
        .isInstanceOf(RequestScreen.Verdict.Serve.class);
  }
}

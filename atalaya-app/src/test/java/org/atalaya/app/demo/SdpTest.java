package org.atalaya.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SdpTest {
  @Test
  void readsMediaAddressAndPrefersTheAnswerersFirstG711() {
    String sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
        + "m=audio 4000 RTP/AVP 8 0 101\r\nc=IN IP4 127.0.0.1\r\n";
    Sdp parsed = Sdp.parse(sdp).orElseThrow();
    assertThat(parsed.host()).isEqualTo("127.0.0.1");
    assertThat(parsed.port()).isEqualTo(4000);
    assertThat(parsed.audioPayloadType()).contains(Sdp.PCMA);
  }

  @Test
  void ourOfferRoundTrips() {
    Sdp parsed = Sdp.parse(Sdp.describe("127.0.0.1", 30000, 7, 1)).orElseThrow();
    assertThat(parsed.payloadTypes()).containsExactly(0, 8, 101);
    assertThat(parsed.audioPayloadType()).contains(Sdp.PCMU);
  }

  @Test
  void aRejectedStreamIsNoMedia() {
    assertThat(Sdp.parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 0 RTP/AVP 0\r\n")).isEmpty();
  }
}

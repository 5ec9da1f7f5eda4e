package org.atalaya.core.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.atalaya.media.Codec;
import org.atalaya.media.Direction;
import org.junit.jupiter.api.Test;

class SdpTest {
  private static final String LINPHONE_OFFER = """
      v=0\r
      o=1001 3000 3000 IN IP4 192.168.1.20\r
      s=Talk\r
      c=IN IP4 192.168.1.20\r
      t=0 0\r
      m=audio 7078 RTP/AVP 96 8 0 101\r
      a=rtpmap:96 opus/48000/2\r
      a=rtpmap:101 telephone-event/8000\r
      a=sendrecv\r
      """;

  @Test
  void parsesAddressPortPayloadsAndTelephoneEvent() throws Exception {
    SessionDescription sdp = SdpParser.parse(LINPHONE_OFFER);
    assertThat(sdp.connectionAddress()).isEqualTo("192.168.1.20");
    assertThat(sdp.audioPort()).isEqualTo(7078);
    assertThat(sdp.payloadTypes()).containsExactly(96, 8, 0, 101);
    assertThat(sdp.telephoneEventPayloadType()).isEqualTo(101);
    assertThat(sdp.direction()).isEqualTo(Direction.SENDRECV);
  }

  @Test
  void choosesTheFirstSupportedCodecInTheOfferersOrder() throws Exception {
    assertThat(Negotiation.chooseCodec(SdpParser.parse(LINPHONE_OFFER))).isEqualTo(Codec.PCMA);
  }

  @Test
  void mediaLevelDirectionAndConnectionWinOverSessionLevel() throws Exception {
    SessionDescription sdp = SdpParser.parse(
        "v=0\r\nc=IN IP4 10.0.0.1\r\na=sendrecv\r\nm=audio 4000 RTP/AVP 0\r\nc=IN IP4 10.0.0.2\r\na=sendonly\r\n");
    assertThat(sdp.connectionAddress()).isEqualTo("10.0.0.2");
    assertThat(sdp.direction()).isEqualTo(Direction.SENDONLY);
    assertThat(Negotiation.answerDirection(sdp.direction())).isEqualTo(Direction.RECVONLY);
  }

  @Test
  void legacyHoldWithZeroAddressIsInactive() throws Exception {
    SessionDescription sdp = SdpParser.parse("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 4000 RTP/AVP 0\r\n");
    assertThat(sdp.direction()).isEqualTo(Direction.INACTIVE);
  }

  @Test
  void rejectsWhatCannotBeUsed() {
    assertThatThrownBy(() -> SdpParser.parse("")).isInstanceOf(SdpException.class).hasMessageContaining("no SDP");
    assertThatThrownBy(() -> SdpParser.parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=video 4000 RTP/AVP 96\r\n"))
        .hasMessageContaining("no RTP audio");
    assertThatThrownBy(() -> SdpParser.parse("v=0\r\nm=audio 4000 RTP/AVP 0\r\n")).hasMessageContaining("connection");
    assertThatThrownBy(() -> SdpParser.parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio x RTP/AVP 0\r\n"))
        .hasMessageContaining("bad audio port");
    assertThatThrownBy(() -> Negotiation.chooseCodec(SdpParser.parse(
        "v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 9 18\r\n"))).hasMessageContaining("no common codec");
  }

  @Test
  void ourOfferAndAnswerRoundTripThroughTheParser() throws Exception {
    InetSocketAddress local = new InetSocketAddress("127.0.0.1", 40002);
    SessionDescription offer = SdpParser.parse(Negotiation.offer(local, 7, 1));
    assertThat(offer.payloadTypes()).containsExactly(0, 8, 101);
    assertThat(offer.telephoneEventPayloadType()).isEqualTo(101);
    assertThat(offer.audioPort()).isEqualTo(40002);
    String answerText = Negotiation.answer(local, Codec.PCMA, 96, Direction.RECVONLY, 7, 2);
    SessionDescription answer = SdpParser.parse(answerText);
    assertThat(answer.payloadTypes()).containsExactly(8, 96);
    assertThat(answer.direction()).isEqualTo(Direction.RECVONLY);
    assertThat(answerText).contains("o=atalaya 7 2 IN IP4 127.0.0.1");
  }
}

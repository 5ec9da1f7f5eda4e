package org.atalaya.core.sdp;

import org.atalaya.media.Codec;
import org.atalaya.media.Direction;
import org.atalaya.media.RtpEndpoint;

/**
 * A leg whose offers we answer (a customer's INVITE, a supervisor's feature-code INVITE): its
 * anchored endpoint, the remote's current offer and codec, and our SDP session and version.
 *
 * <p>Threading: confined to the owner's mailbox.
 */
public final class AnsweredLeg {
  private final RtpEndpoint endpoint;
  private final long session = Negotiation.newSessionId();
  private long version = 1;
  private SessionDescription offer;
  private Codec codec;

  /** Configures {@code endpoint} for an offer already parsed and checked with {@code codec}. */
  public AnsweredLeg(RtpEndpoint endpoint, SessionDescription offer, Codec codec) {
    this.endpoint = endpoint;
    this.offer = offer;
    this.codec = codec;
    endpoint.configure(Negotiation.remoteMedia(offer, codec));
  }

  /** Opens an anchored endpoint for a leg; the call's media loop decides which. */
  @FunctionalInterface
  public interface EndpointOpener {
    RtpEndpoint open() throws java.io.IOException;
  }

  /**
   * Accepts an offer: checks it (SdpException: answer 488) before opening the endpoint
   * (IOException: answer 503), so a bad offer never takes a port.
   */
  public static AnsweredLeg accept(String sdpOffer, EndpointOpener opener) throws SdpException, java.io.IOException {
    SessionDescription offer = SdpParser.parse(sdpOffer);
    Codec codec = Negotiation.chooseCodec(offer);
    return new AnsweredLeg(opener.open(), offer, codec);
  }

  public RtpEndpoint endpoint() {
    return endpoint;
  }

  public Codec codec() {
    return codec;
  }

  /** The direction the remote declared in its latest offer. */
  public Direction direction() {
    return offer.direction();
  }

  /** Our answer to the current offer (a new version each time). */
  public String answer() {
    return Negotiation.answer(endpoint.localAddress(), codec, offer.telephoneEventPayloadType(),
        Negotiation.answerDirection(offer.direction()), session, version++);
  }

  /** Applies a re-INVITE (hold, resume, new address), keeping the codec if still offered. */
  public String reoffer(String sdp) throws SdpException {
    SessionDescription next = SdpParser.parse(sdp);
    Codec c = Negotiation.keepOrChoose(next, codec);
    offer = next;
    codec = c;
    endpoint.configure(Negotiation.remoteMedia(next, c));
    return answer();
  }
}

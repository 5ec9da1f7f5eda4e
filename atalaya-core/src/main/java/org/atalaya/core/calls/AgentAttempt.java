package org.atalaya.core.calls;

import java.util.concurrent.ScheduledFuture;
import org.atalaya.core.routing.Offer;
import org.atalaya.core.sdp.Negotiation;
import org.atalaya.core.sdp.SdpException;
import org.atalaya.core.sdp.SdpParser;
import org.atalaya.core.sdp.SessionDescription;
import org.atalaya.media.Codec;
import org.atalaya.media.Direction;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.sip.DialRequest;
import org.atalaya.sip.OutboundCall;

/**
 * One offer of the call to one agent: the agent's anchored endpoint and SIP leg. Confined to the
 * call's mailbox; events of an attempt that is no longer current are recognised by identity.
 */
final class AgentAttempt {
  final Offer offer;
  final RtpEndpoint endpoint;
  final long sdpSession;
  long sdpVersion = 1;
  OutboundCall leg;
  ScheduledFuture<?> ringTimer;
  Codec codec;
  int telephoneEventPt = -1;
  boolean answered;
  Direction direction = Direction.SENDRECV; // as the agent's phone last declared it (hold)

  AgentAttempt(Offer offer, RtpEndpoint endpoint, long sdpSession) {
    this.offer = offer;
    this.endpoint = endpoint;
    this.sdpSession = sdpSession;
  }

  /** Takes the agent's 200 OK answer: the codec and address its phone chose. */
  void accept(String sdpAnswer) throws SdpException {
    SessionDescription answer = SdpParser.parse(sdpAnswer);
    codec = Negotiation.chooseCodec(answer);
    telephoneEventPt = answer.telephoneEventPayloadType();
    endpoint.configure(Negotiation.remoteMedia(answer, codec));
  }

  /** Whether the agent's phone holds the call (its last offer is not sendrecv). */
  boolean holding() {
    return direction != Direction.SENDRECV;
  }

  /** Applies a re-INVITE's offer from the agent (hold, resume, new address); returns our answer. */
  String reoffer(String sdp) throws SdpException {
    SessionDescription offer = SdpParser.parse(sdp);
    codec = Negotiation.keepOrChoose(offer, codec);
    telephoneEventPt = offer.telephoneEventPayloadType();
    direction = offer.direction();
    endpoint.configure(Negotiation.remoteMedia(offer, codec));
    sdpVersion++;
    return Negotiation.answer(endpoint.localAddress(), codec, telephoneEventPt,
        Negotiation.answerDirection(offer.direction()), sdpSession, sdpVersion);
  }

  /** The INVITE to the agent's registered phone, showing the caller's number and name. */
  DialRequest dialRequest(String callerNumber, String callerName) {
    String sdp = Negotiation.offer(endpoint.localAddress(), sdpSession, sdpVersion);
    return new DialRequest(offer.contactUri(), offer.transport(), callerNumber, callerName, offer.extension(), sdp);
  }

  String extension() {
    return offer.extension();
  }

  void cancelTimer() {
    if (ringTimer != null) {
      ringTimer.cancel(false);
    }
  }

  /**
   * Releases the port, and ends the SIP leg (CANCEL or BYE) unless the agent's side already
   * ended it ({@code legGone}).
   */
  void release(boolean legGone) {
    cancelTimer();
    if (leg != null && !legGone) {
      leg.hangup();
    }
    endpoint.close();
  }
}

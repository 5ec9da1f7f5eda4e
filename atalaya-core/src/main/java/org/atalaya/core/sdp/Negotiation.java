package org.atalaya.core.sdp;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.atalaya.media.Codec;
import org.atalaya.media.Direction;
import org.atalaya.media.RemoteMedia;

/** SDP offer/answer (RFC 3264) for one G.711 audio leg: choosing, and writing our side. */
public final class Negotiation {
  /** The telephone-event payload type we offer. */
  public static final int OUR_TELEPHONE_EVENT_PT = 101;

  // RFC 4566 only asks the o= id to be unique per host; a random start keeps ids of a restarted
  // node apart from its last run's without reading the wall clock. Below 2^48 so it never wraps.
  private static final AtomicLong SESSION_IDS =
      new AtomicLong(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 32, 1L << 48));

  /** A fresh o= session id for a new leg; its version then grows with each SDP we send on it. */
  public static long newSessionId() {
    return SESSION_IDS.incrementAndGet();
  }

  private Negotiation() {}

  /** Picks the first codec in the remote's order that we support. */
  public static Codec chooseCodec(SessionDescription remote) throws SdpException {
    for (int pt : remote.payloadTypes()) {
      String name = remote.encodingOf(pt);
      for (Codec c : Codec.values()) {
        if (c.encodingName().equals(name) && (pt == c.payloadType() || remote.rtpmap().containsKey(pt))) {
          if (pt != c.payloadType()) {
            throw new SdpException(name + " offered with dynamic payload type " + pt);
          }
          return c;
        }
      }
    }
    throw new SdpException("no common codec: we support PCMU and PCMA, offered " + remote.payloadTypes());
  }

  /** On a re-offer, keeps the leg's codec if still offered (no needless switch), else chooses again. */
  public static Codec keepOrChoose(SessionDescription offer, Codec current) throws SdpException {
    return offer.payloadTypes().contains(current.payloadType()) ? current : chooseCodec(offer);
  }

  /** What the media engine needs to send to the remote described by {@code sdp}. */
  public static RemoteMedia remoteMedia(SessionDescription sdp, Codec codec) {
    return new RemoteMedia(
        new InetSocketAddress(sdp.connectionAddress(), sdp.audioPort()),
        codec,
        sdp.telephoneEventPayloadType(),
        sdp.direction());
  }

  /** The direction of our answer to a remote offer with direction {@code offered}. */
  public static Direction answerDirection(Direction offered) {
    return switch (offered) {
      case SENDRECV -> Direction.SENDRECV;
      case SENDONLY -> Direction.RECVONLY;
      case RECVONLY -> Direction.SENDONLY;
      case INACTIVE -> Direction.INACTIVE;
    };
  }

  /** Our answer: one codec, telephone-event if the offer had it (with the offer's number). */
  public static String answer(
      InetSocketAddress local, Codec codec, int telephoneEventPt, Direction direction, long session, long version) {
    return write(local, new Codec[] {codec}, telephoneEventPt, direction, session, version);
  }

  /** Our offer to an agent's phone: PCMU, PCMA and telephone-event. */
  public static String offer(InetSocketAddress local, long session, long version) {
    return write(local, Codec.values(), OUR_TELEPHONE_EVENT_PT, Direction.SENDRECV, session, version);
  }

  private static String write(
      InetSocketAddress local, Codec[] codecs, int telephoneEventPt, Direction direction, long session, long version) {
    String ip = local.getAddress().getHostAddress();
    String family = ip.contains(":") ? "IP6" : "IP4";
    StringBuilder pts = new StringBuilder();
    StringBuilder maps = new StringBuilder();
    for (Codec c : codecs) {
      pts.append(' ').append(c.payloadType());
      maps.append("a=rtpmap:").append(c.payloadType()).append(' ').append(c.encodingName()).append("/8000\r\n");
    }
    if (telephoneEventPt >= 0) {
      pts.append(' ').append(telephoneEventPt);
      maps.append("a=rtpmap:").append(telephoneEventPt).append(" telephone-event/8000\r\n");
      maps.append("a=fmtp:").append(telephoneEventPt).append(" 0-16\r\n");
    }
    return "v=0\r\n"
        + "o=atalaya " + session + " " + version + " IN " + family + " " + ip + "\r\n"
        + "s=Atalaya\r\n"
        + "c=IN " + family + " " + ip + "\r\n"
        + "t=0 0\r\n"
        + "m=audio " + local.getPort() + " RTP/AVP" + pts + "\r\n"
        + maps
        + "a=ptime:20\r\n"
        + "a=" + direction.name().toLowerCase(java.util.Locale.ROOT) + "\r\n";
  }
}

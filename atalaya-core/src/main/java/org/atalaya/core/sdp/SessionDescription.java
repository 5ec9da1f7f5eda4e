package org.atalaya.core.sdp;

import java.util.List;
import java.util.Map;
import org.atalaya.media.Direction;

/**
 * The parts of an SDP body (RFC 4566) a G.711 audio call needs: where the first audio stream
 * goes, which payload types it offers in order, their rtpmap names, and its direction.
 *
 * @param connectionAddress the c= address that applies to the audio stream
 * @param audioPort the m=audio port (0 = stream rejected)
 * @param payloadTypes the m=audio payload types in preference order
 * @param rtpmap payload type to upper-case encoding name ("PCMU", "TELEPHONE-EVENT")
 * @param direction the audio stream's direction attribute (session-level if the media has none)
 */
public record SessionDescription(
    String connectionAddress, int audioPort, List<Integer> payloadTypes, Map<Integer, String> rtpmap, Direction direction) {
  public SessionDescription {
    payloadTypes = List.copyOf(payloadTypes);
    rtpmap = Map.copyOf(rtpmap);
  }

  /** The encoding name of a payload type: its rtpmap, or the RFC 3551 static name. */
  public String encodingOf(int payloadType) {
    String name = rtpmap.get(payloadType);
    if (name != null) {
      return name;
    }
    return switch (payloadType) {
      case 0 -> "PCMU";
      case 8 -> "PCMA";
      default -> "";
    };
  }

  /** The payload type offered for RFC 4733 telephone-event, or -1. */
  public int telephoneEventPayloadType() {
    for (int pt : payloadTypes) {
      if (encodingOf(pt).equals("TELEPHONE-EVENT")) {
        return pt;
      }
    }
    return -1;
  }
}

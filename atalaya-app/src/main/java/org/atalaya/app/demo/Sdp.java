package org.atalaya.app.demo;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The little SDP the demo softphone needs: one audio stream offering PCMU, PCMA and telephone-event. */
record Sdp(String host, int port, List<Integer> payloadTypes) {
  static final int PCMU = 0;
  static final int PCMA = 8;
  static final int TELEPHONE_EVENT = 101;

  Sdp {
    payloadTypes = List.copyOf(payloadTypes);
  }

  /** Our offer or answer; {@code sessionVersion} must grow on every re-offer within a dialog. */
  static String describe(String host, int rtpPort, long sessionId, long sessionVersion) {
    return "v=0\r\n"
        + "o=atalaya-demo " + sessionId + " " + sessionVersion + " IN IP4 " + host + "\r\n"
        + "s=atalaya demo\r\n"
        + "c=IN IP4 " + host + "\r\n"
        + "t=0 0\r\n"
        + "m=audio " + rtpPort + " RTP/AVP 0 8 101\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n"
        + "a=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\n"
        + "a=fmtp:101 0-15\r\n"
        + "a=ptime:20\r\n"
        + "a=sendrecv\r\n";
  }

  /** Parses the first audio stream; empty when there is none or it was rejected (port 0). */
  static Optional<Sdp> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String sessionHost = null;
    String mediaHost = null;
    int port = -1;
    List<Integer> types = new ArrayList<>();
    boolean inAudio = false;
    for (String raw : text.split("\r?\n")) {
      String line = raw.strip();
      if (line.startsWith("m=")) {
        if (port >= 0) {
          break; // only the first audio stream matters
        }
        String[] f = line.substring(2).split("\\s+");
        inAudio = f.length >= 4 && f[0].equals("audio");
        if (inAudio) {
          port = Integer.parseInt(f[1]);
          for (int i = 3; i < f.length; i++) {
            types.add(Integer.parseInt(f[i]));
          }
        }
      } else if (line.startsWith("c=")) {
        String[] f = line.substring(2).split("\\s+");
        String addr = f[f.length - 1].split("/")[0];
        if (inAudio) {
          mediaHost = addr;
        } else if (port < 0) {
          sessionHost = addr;
        }
      }
    }
    String host = mediaHost != null ? mediaHost : sessionHost;
    if (port <= 0 || host == null) {
      return Optional.empty();
    }
    return Optional.of(new Sdp(host, port, types));
  }

  /** The G.711 payload type to send: the answerer's first preference we support. */
  Optional<Integer> audioPayloadType() {
    return payloadTypes.stream().filter(pt -> pt == PCMU || pt == PCMA).findFirst();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(host, port);
  }
}

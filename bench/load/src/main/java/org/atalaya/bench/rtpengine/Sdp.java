package org.atalaya.bench.rtpengine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The SDP the bench's endpoints offer and answer with, and the audio address in rtpengine's. */
final class Sdp {
  private Sdp() {}

  /** An endpoint's SDP: PCMU (and telephone-event) at {@code port} on 127.0.0.1, both ways. */
  static String audio(int port, int session) {
    return "v=0\r\n"
        + "o=- " + (session & 0xffffffffL) + " 1 IN IP4 127.0.0.1\r\n"
        + "s=atalaya-bench\r\n"
        + "c=IN IP4 127.0.0.1\r\n"
        + "t=0 0\r\n"
        + "m=audio " + port + " RTP/AVP 0 101\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\n"
        + "a=fmtp:101 0-16\r\n"
        + "a=ptime:20\r\n"
        + "a=sendrecv\r\n";
  }

  /** The audio address of an SDP: the {@code m=audio} port at the media's (or the session's) {@code c=}. */
  static InetSocketAddress mediaAddress(String sdp) throws IOException {
    String sessionC = null;
    String mediaC = null;
    int port = -1;
    boolean inAudio = false;
    for (String line : sdp.split("\r?\n")) {
      if (line.startsWith("m=")) {
        if (port >= 0) {
          break; // the first audio stream is ours
        }
        inAudio = line.startsWith("m=audio ");
        if (inAudio) {
          port = Integer.parseInt(line.substring(8, line.indexOf(' ', 8)));
        }
      } else if (line.startsWith("c=")) {
        String[] f = line.substring(2).trim().split(" ");
        if (f.length < 3 || !"IP4".equals(f[1])) {
          throw new IOException("not an IPv4 connection line: " + line);
        }
        if (inAudio) {
          mediaC = f[2];
        } else if (port < 0) {
          sessionC = f[2];
        }
      }
    }
    String host = mediaC != null ? mediaC : sessionC;
    if (port <= 0 || host == null) {
      throw new IOException("no audio address in the SDP from rtpengine:\n" + sdp);
    }
    return new InetSocketAddress(InetAddress.getByName(host), port);
  }
}

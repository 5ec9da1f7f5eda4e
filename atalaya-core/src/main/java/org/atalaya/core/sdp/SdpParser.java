package org.atalaya.core.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atalaya.media.Direction;

/** Parses the audio part of an SDP body; anything it cannot use is a clear {@link SdpException}. */
public final class SdpParser {
  private SdpParser() {}

  public static SessionDescription parse(String sdp) throws SdpException {
    if (sdp == null || sdp.isBlank()) {
      throw new SdpException("no SDP body");
    }
    String sessionConnection = null;
    String mediaConnection = null;
    Direction sessionDirection = Direction.SENDRECV;
    Direction mediaDirection = null;
    int audioPort = -1;
    List<Integer> payloads = new ArrayList<>();
    Map<Integer, String> rtpmap = new HashMap<>();
    boolean inAudio = false;
    boolean seenAudio = false;
    for (String raw : sdp.split("\r?\n")) {
      String line = raw.strip();
      if (line.length() < 2 || line.charAt(1) != '=') {
        continue;
      }
      char type = line.charAt(0);
      String value = line.substring(2);
      if (type == 'm') {
        inAudio = false;
        String[] parts = value.split(" +");
        if (!seenAudio && parts.length >= 4 && parts[0].equals("audio")) {
          if (!parts[2].toUpperCase(Locale.ROOT).startsWith("RTP/AVP")) {
            throw new SdpException("unsupported audio transport " + parts[2]);
          }
          seenAudio = true;
          inAudio = true;
          audioPort = parseInt(parts[1].split("/")[0], "audio port");
          for (int i = 3; i < parts.length; i++) {
            payloads.add(parseInt(parts[i], "payload type"));
          }
        }
        continue;
      }
      boolean sessionLevel = !seenAudio;
      if (!sessionLevel && !inAudio) {
        continue;
      }
      switch (type) {
        case 'c' -> {
          String[] parts = value.split(" +");
          if (parts.length < 3 || !parts[0].equals("IN") || !(parts[1].equals("IP4") || parts[1].equals("IP6"))) {
            throw new SdpException("bad connection line: " + value);
          }
          String address = parts[2].split("/")[0];
          if (sessionLevel) {
            sessionConnection = address;
          } else {
            mediaConnection = address;
          }
        }
        case 'a' -> {
          Direction d = direction(value);
          if (d != null) {
            if (sessionLevel) {
              sessionDirection = d;
            } else {
              mediaDirection = d;
            }
          } else if (!sessionLevel && value.startsWith("rtpmap:")) {
            String[] parts = value.substring(7).split(" +", 2);
            if (parts.length == 2) {
              int pt = parseInt(parts[0], "rtpmap payload type");
              rtpmap.put(pt, parts[1].split("/")[0].toUpperCase(Locale.ROOT));
            }
          }
        }
        default -> {}
      }
    }
    if (!seenAudio) {
      throw new SdpException("no RTP audio stream in SDP");
    }
    String connection = mediaConnection != null ? mediaConnection : sessionConnection;
    if (connection == null) {
      throw new SdpException("no connection address in SDP");
    }
    if (audioPort < 0 || audioPort > 65535) {
      throw new SdpException("audio port out of range: " + audioPort);
    }
    Direction dir = mediaDirection != null ? mediaDirection : sessionDirection;
    // RFC 3264 section 8.4: the legacy hold form c=0.0.0.0 means the peer wants no media.
    if (connection.equals("0.0.0.0") && dir == Direction.SENDRECV) {
      dir = Direction.INACTIVE;
    }
    return new SessionDescription(connection, audioPort, payloads, rtpmap, dir);
  }

  private static Direction direction(String attribute) {
    return switch (attribute) {
      case "sendrecv" -> Direction.SENDRECV;
      case "sendonly" -> Direction.SENDONLY;
      case "recvonly" -> Direction.RECVONLY;
      case "inactive" -> Direction.INACTIVE;
      default -> null;
    };
  }

  private static int parseInt(String text, String what) throws SdpException {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new SdpException("bad " + what + ": " + text);
    }
  }
}

package org.atalaya.app.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends raw bytes to the SIP edge, as a hostile or broken peer would, and writes down what comes
 * back: every response over UDP to the sending socket, or over one TCP connection.
 */
final class RawSipPeer implements AutoCloseable {
  private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3}) ([^\\r\\n]*)");

  /** One response heard: its status line split, and the whole text for header checks. */
  record Heard(int code, String reason, String text) {
    boolean isFinal() {
      return code >= 200;
    }

    /** The value of the first header named {@code name} (or its compact form), or "". */
    String header(String name, String compact) {
      Matcher m = Pattern.compile("(?im)^(?:" + Pattern.quote(name) + (compact == null ? "" : "|" + compact)
          + ")[ \\t]*:[ \\t]*(.*)$").matcher(text);
      return m.find() ? m.group(1).trim() : "";
    }

    @Override
    public String toString() {
      return code + " " + reason;
    }
  }

  /** What a peer got for a message: the responses in order, and whether a TCP connection was closed. */
  record Outcome(List<Heard> heard, boolean closed) {
    /** The first final response, or null: silence. */
    Heard answer() {
      return heard.stream().filter(Heard::isFinal).findFirst().orElse(null);
    }

    int code() {
      Heard a = answer();
      return a == null ? 0 : a.code();
    }

    @Override
    public String toString() {
      return (heard.isEmpty() ? "silence" : heard.toString()) + (closed ? ", connection closed" : "");
    }
  }

  private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:Call-ID|i)[ \\t]*:[ \\t]*(\\S*)");

  private final InetAddress local;
  private final InetSocketAddress edge;
  private final DatagramSocket udp;
  private final java.util.Set<String> sentCallIds = new java.util.HashSet<>();

  /**
   * One UDP socket for every datagram, as one client would send them: a message that repeats an
   * earlier one's transaction (same branch, sent-by, Call-ID and CSeq) is answered where the
   * first came from. What comes back for an earlier message (a 4xx to an INVITE is resent until
   * ACKed) is told apart by its Call-ID.
   */
  RawSipPeer(String localAddress, int sipPort) throws IOException {
    this.local = InetAddress.getByName(localAddress);
    this.edge = new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort);
    this.udp = new DatagramSocket(new InetSocketAddress(local, 0));
  }

  /**
   * One datagram; listens until a final response to it came and then {@code linger} ms more (to
   * catch a second answer), or {@code silence} ms when nothing final came.
   */
  Outcome udp(byte[] message, int silenceMillis, int lingerMillis) throws IOException {
    String callId = callId(new String(message, StandardCharsets.ISO_8859_1));
    List<Heard> heard = new ArrayList<>();
    udp.send(new DatagramPacket(message, message.length, edge));
    long deadline = System.currentTimeMillis() + silenceMillis;
    byte[] buf = new byte[65535];
    while (true) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        break;
      }
      udp.setSoTimeout((int) left);
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(p);
      } catch (SocketTimeoutException quiet) {
        break;
      }
      Heard h = parse(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
      String its = callId(h.text());
      boolean ours = callId.isEmpty() ? !sentCallIds.contains(its) : its.equals(callId);
      if (!ours) {
        continue;
      }
      heard.add(h);
      if (h.isFinal() && heard.stream().filter(Heard::isFinal).count() == 1) {
        deadline = System.currentTimeMillis() + lingerMillis;
      }
    }
    if (!callId.isEmpty()) {
      sentCallIds.add(callId);
    }
    return new Outcome(heard, false);
  }

  @Override
  public void close() {
    udp.close();
  }

  private static String callId(String text) {
    int end = text.indexOf("\r\n\r\n");
    Matcher m = CALL_ID.matcher(end < 0 ? text : text.substring(0, end));
    return m.find() ? m.group(1) : "";
  }

  /** The bytes over a new TCP connection; reads until a final response, close or {@code silence} ms. */
  Outcome tcp(byte[] message, int silenceMillis) throws IOException {
    List<Heard> heard = new ArrayList<>();
    boolean closed = false;
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(local, 0));
      socket.connect(edge, 2000);
      socket.getOutputStream().write(message);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      StringBuilder text = new StringBuilder();
      long deadline = System.currentTimeMillis() + silenceMillis;
      byte[] buf = new byte[65535];
      while (true) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          break;
        }
        socket.setSoTimeout((int) left);
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException quiet) {
          break;
        } catch (java.net.SocketException reset) {
          closed = true;
          break;
        }
        if (n < 0) {
          closed = true;
          break;
        }
        text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        heard.clear();
        for (String part : text.toString().split("(?=SIP/2\\.0 \\d{3} )")) {
          if (!part.isBlank()) {
            heard.add(parse(part));
          }
        }
        if (heard.stream().anyMatch(Heard::isFinal)) {
          break;
        }
      }
    }
    return new Outcome(heard, closed);
  }

  private static Heard parse(String text) {
    Matcher m = STATUS.matcher(text);
    if (!m.find()) {
      return new Heard(-1, text.lines().findFirst().orElse(""), text);
    }
    return new Heard(Integer.parseInt(m.group(1)), m.group(2), text);
  }
}

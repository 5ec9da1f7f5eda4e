package org.atalaya.app.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends SIP cases to the node from loopback addresses only and counts what comes back. Source 0
 * (trusted) and the others each have a UDP socket whose reader also plays a polite phone: it
 * ACKs and hangs up a call a fuzzed INVITE made, and answers the node's BYE, so fuzzed calls end
 * in seconds instead of lingering until their timers.
 *
 * <p>Threading: {@link #send} from the campaign's thread; one virtual thread reads each socket;
 * TCP cases run on virtual threads, at most {@link #TCP_AT_ONCE} at a time.
 */
final class SipFuzzer implements AutoCloseable {
  static final String TRUSTED_HOST = "127.0.0.9";
  static final int UNTRUSTED = 48;
  /** TCP connections left open at most at once; the oldest is closed to make room. */
  static final int OPEN_AT_MOST = 16;
  private static final int TCP_AT_ONCE = 8;
  private static final Pattern CSEQ = Pattern.compile("(?im)^(?:CSeq)[ \\t]*:[ \\t]*(\\d+)[ \\t]+(\\S+)");
  private static final Pattern CONTACT = Pattern.compile("(?im)^(?:Contact|m)[ \\t]*:[^<\\r\\n]*<([^>\\r\\n]+)>");

  private final InetSocketAddress node;
  private final Tally tally;
  private final List<DatagramSocket> udp = new ArrayList<>();
  private final List<Thread> readers = new ArrayList<>();
  private final Deque<Socket> open = new ArrayDeque<>();
  private final Semaphore tcpSlots = new Semaphore(TCP_AT_ONCE);
  private final Set<String> hungUp = ConcurrentHashMap.newKeySet();
  private final SipCases cases;

  SipFuzzer(long seed, InetSocketAddress node, Tally tally) throws IOException {
    this.node = node;
    this.tally = tally;
    for (int i = 0; i <= UNTRUSTED; i++) {
      DatagramSocket s = new DatagramSocket(new InetSocketAddress(host(i), 0));
      udp.add(s);
      readers.add(Thread.ofVirtual().name("fuzz-sip-reader-" + i).start(() -> read(s)));
    }
    this.cases = new SipCases(seed, udp.size(), this::peers);
  }

  SipCases cases() {
    return cases;
  }

  /** Source 0 is 127.0.0.9 (trusted by the node); sources 1.. are 127.0.1.1.. (not trusted). */
  static String host(int source) {
    return source == SipCases.TRUSTED ? TRUSTED_HOST : "127.0.1." + source;
  }

  private SipCorpus.Peers peers(int source) {
    return new SipCorpus.Peers(node.getHostString(), node.getPort(), host(source), udp.get(source).getLocalPort(), "UDP");
  }

  /** Sends case {@code c} (TCP ones in the background) and counts it. */
  void send(SipCases.SipCase c) throws InterruptedException {
    if (c.number() < 0) {
      tally.add("sip.warm-up", c.kind().name()); // a control message, not a case
    } else {
      tally.add("sip.kind", c.kind().name());
      tally.add("sip.transport", c.transport().name());
      for (String op : c.mutation().split("\\+")) {
        tally.add("sip.mutation", op);
      }
    }
    if (c.transport() == SipCases.Transport.UDP) {
      try {
        udp.get(c.source()).send(new DatagramPacket(c.bytes(), c.sendBytes(), node));
      } catch (IOException e) {
        tally.add("sip.send-error", e.getClass().getSimpleName());
      }
      return;
    }
    if (!tcpSlots.tryAcquire(2, TimeUnit.SECONDS)) {
      tally.add("sip.send-error", "tcp-slots-busy");
      return;
    }
    Thread.ofVirtual().name("fuzz-tcp-" + c.number()).start(() -> {
      try {
        tcp(c);
      } finally {
        tcpSlots.release();
      }
    });
  }

  private void tcp(SipCases.SipCase c) {
    Socket s = new Socket();
    try {
      s.bind(new InetSocketAddress(host(c.source()), 0));
      s.connect(node, 2000);
      s.setSoTimeout(400);
      s.getOutputStream().write(c.bytes(), 0, c.sendBytes());
      s.getOutputStream().flush();
      switch (c.transport()) {
        case TCP_OPEN -> keepOpen(s);
        case TCP_HALF -> s.close();
        default -> {
          readAnswers(s.getInputStream());
          s.close();
        }
      }
    } catch (IOException e) {
      tally.add("sip.tcp", e.getClass().getSimpleName());
      closeQuietly(s);
    }
  }

  private void keepOpen(Socket s) {
    Socket oldest = null;
    synchronized (open) {
      open.add(s);
      if (open.size() > OPEN_AT_MOST) {
        oldest = open.poll();
      }
    }
    closeQuietly(oldest);
  }

  private void readAnswers(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    StringBuilder got = new StringBuilder();
    try {
      for (int n; (n = in.read(buf)) > 0 && got.length() < 65536; ) {
        got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
      }
      tally.add("sip.tcp", "closed-by-node");
    } catch (SocketTimeoutException quiet) {
      // the node said what it had to say, or nothing
    }
    Matcher m = Pattern.compile("(?m)^SIP/2\\.0 (\\d{3})").matcher(got);
    boolean any = false;
    while (m.find()) {
      tally.add("sip.answer", m.group(1));
      any = true;
    }
    if (!any) {
      tally.add("sip.tcp", "no-answer");
    }
  }

  /** Reads one socket until closed: counts answers, completes calls, answers the node's requests. */
  private void read(DatagramSocket s) {
    byte[] buf = new byte[65536];
    while (!s.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        s.receive(p);
      } catch (IOException closed) {
        return;
      }
      String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
      try {
        if (text.startsWith("SIP/2.0 ")) {
          String code = text.length() >= 11 ? text.substring(8, 11) : "???";
          tally.add("sip.answer", code);
          Matcher cseq = CSEQ.matcher(text);
          if (code.startsWith("2") && cseq.find() && cseq.group(2).equals("INVITE")) {
            hangUp(s, text, Long.parseLong(cseq.group(1)), p.getSocketAddress());
          }
        } else {
          String method = text.substring(0, Math.max(0, text.indexOf(' ')));
          tally.add("sip.node-request", method);
          if (!method.equals("ACK")) {
            s.send(datagram(okFor(text), p.getSocketAddress()));
          }
        }
      } catch (IOException | RuntimeException e) {
        tally.add("sip.reader-error", e.getClass().getSimpleName());
      }
    }
  }

  /** ACKs a 2xx to a fuzzed INVITE and, the first time, sends the BYE that ends the call. */
  private void hangUp(DatagramSocket s, String ok, long cseq, java.net.SocketAddress to) throws IOException {
    Matcher contact = CONTACT.matcher(ok);
    String target = contact.find() ? contact.group(1) : "sip:atalaya@" + node.getHostString() + ":" + node.getPort();
    String dialog = copy(ok, "From") + copy(ok, "To") + copy(ok, "Call-ID");
    String via = "Via: SIP/2.0/UDP " + s.getLocalAddress().getHostAddress() + ":" + s.getLocalPort()
        + ";rport;branch=z9hG4bK";
    s.send(datagram("ACK " + target + " SIP/2.0\r\n" + via + "ack" + System.nanoTime() + "\r\n" + dialog
        + "CSeq: " + cseq + " ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n", to));
    if (hungUp.add(dialog)) {
      tally.add("sip.fuzz-calls", "answered-and-hung-up");
      s.send(datagram("BYE " + target + " SIP/2.0\r\n" + via + "bye" + System.nanoTime() + "\r\n" + dialog
          + "CSeq: " + (cseq + 1) + " BYE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n", to));
    }
  }

  private static String okFor(String request) {
    StringBuilder sb = new StringBuilder("SIP/2.0 200 OK\r\n");
    Matcher via = Pattern.compile("(?im)^(?:Via|v)[ \\t]*:.*\\r?\\n").matcher(request);
    while (via.find()) {
      sb.append(via.group());
    }
    return sb + copy(request, "From") + copy(request, "To") + copy(request, "Call-ID") + copy(request, "CSeq")
        + "Content-Length: 0\r\n\r\n";
  }

  /** A header line of {@code message}, CRLF ended, or nothing if it has none. */
  private static String copy(String message, String name) {
    Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + "[ \\t]*:.*?(?=\\r?\\n)").matcher(message);
    return m.find() ? m.group() + "\r\n" : "";
  }

  private static DatagramPacket datagram(String text, java.net.SocketAddress to) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    return new DatagramPacket(b, b.length, to);
  }

  /** Closes the TCP connections left open, as the end of the campaign must. */
  void closeOpenConnections() {
    synchronized (open) {
      open.forEach(SipFuzzer::closeQuietly);
      open.clear();
    }
  }

  /** Waits for the TCP cases still running. */
  void drain() throws InterruptedException {
    tcpSlots.acquire(TCP_AT_ONCE);
    tcpSlots.release(TCP_AT_ONCE);
  }

  private static void closeQuietly(Socket s) {
    if (s == null) {
      return;
    }
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do: it is going away either way
    }
  }

  @Override
  public void close() {
    closeOpenConnections();
    udp.forEach(DatagramSocket::close);
    readers.forEach(Thread::interrupt);
  }
}

package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SIP edge against real and hostile peers: digest registration with good and bad
 * credentials, unregistration, and malformed messages over UDP and TCP after which the server
 * still registers phones.
 */
class SipEdgeE2ETest {
  @TempDir static Path dir;
  static NodeHarness atalaya;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 38000, 5, 10);
    atalaya.addAgent("1201", "right-pass");
    CallPathE2ETest.atalaya = atalaya;
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void goodCredentialsRegisterAndExpiresZeroUnregisters() throws Exception {
    int port = NodeHarness.freePort();
    CallPathE2ETest.register(dir.resolve("good"), port, "1201", "right-pass");
    assertThat(atalaya.node.sip().registration("1201")).hasValueSatisfying(
        r -> assertThat(r.contactUri()).isEqualTo("sip:1201@127.0.0.1:" + port));
    await().atMost(Duration.ofSeconds(3)).until(() -> atalaya.node.acd().registeredAgents() == 1);
    run("unregister", "agent-unregister", "1201", "right-pass", port);
    assertThat(atalaya.node.sip().registration("1201")).isEmpty();
    await().atMost(Duration.ofSeconds(3)).until(() -> atalaya.node.acd().registeredAgents() == 0);
  }

  @Test
  void wrongPasswordAndUnknownUserAreRefusedWith403() throws Exception {
    run("wrong", "agent-register-refused", "1201", "wrong-pass", NodeHarness.freePort());
    run("unknown", "agent-register-refused", "9999", "whatever", NodeHarness.freePort());
    assertThat(atalaya.node.sip().registration("9999")).isEmpty();
  }

  @Test
  void malformedMessagesAreAnsweredOrDroppedAndTheServerKeepsServing() throws Exception {
    String garbage = "\u0000\u0001hello this is not SIP\r\n\r\n";
    String truncated = "INVITE sip:5000@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKx\r\nFrom: <sip";
    String badHeader = "OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKbad\r\n"
        + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: bad-1\r\nCSeq: notanumber OPTIONS\r\nMax-Forwards: 70\r\n"
        + "Content-Length: 0\r\n\r\n";
    String hugeBody = "MESSAGE sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKhuge\r\n"
        + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: huge-1\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\n"
        + "Content-Type: text/plain\r\nContent-Length: 204800\r\n\r\n" + "x".repeat(204800);
    try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      udp.setSoTimeout(500);
      for (String m : new String[] {garbage, truncated, badHeader}) {
        byte[] b = m.getBytes(StandardCharsets.ISO_8859_1);
        udp.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), atalaya.sipPort));
        try {
          DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
          udp.receive(reply);
          String text = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.ISO_8859_1);
          assertThat(text).as("a reply to a malformed request must be a 4xx").startsWith("SIP/2.0 4");
        } catch (SocketTimeoutException dropped) {
          // dropped with a log line: also acceptable
        }
      }
    }
    for (String m : new String[] {garbage, truncated, hugeBody}) {
      try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), atalaya.sipPort)) {
        tcp.setSoTimeout(1000);
        OutputStream out = tcp.getOutputStream();
        try {
          out.write(m.getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          InputStream in = tcp.getInputStream();
          byte[] buf = new byte[512];
          int n = in.read(buf);
          if (n > 0) {
            assertThat(new String(buf, 0, n, StandardCharsets.ISO_8859_1)).startsWith("SIP/2.0 4");
          }
        } catch (SocketTimeoutException | java.net.SocketException closedOrSilent) {
          // the server may close the connection or stay silent: both are fine
        }
      }
    }
    int port = NodeHarness.freePort();
    CallPathE2ETest.register(dir.resolve("after"), port, "1201", "right-pass");
    assertThat(atalaya.node.sip().registration("1201")).isPresent();
  }

  private static void run(String name, String scenario, String user, String password, int port) throws Exception {
    try (Sipp s = Sipp.start(dir.resolve(name), scenario, Map.of("USER", user, "PASSWORD", password),
        "127.0.0.1:" + atalaya.sipPort, "-p", "" + port, "-m", "1", "-timeout", "10")) {
      assertThat(s.await(15)).as(s.logs()).isZero();
    }
  }
}

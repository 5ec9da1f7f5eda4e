package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atalaya.core.tenants.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password guesser on 127.0.0.2 against a real node, as svcrack does it: REGISTERs for agent
 * 1001 with wrong digest answers. After 10 wrong answers within a minute the guesser gets no answer
 * at all; the agent's own phone (sipp on 127.0.0.1, registered before) goes on registering; an
 * address the account never registered from is refused while it is being guessed; the block is
 * in the audit log, naming the address, and on the supervisors' dashboard.
 */
class PasswordGuessingE2ETest {
  @TempDir Path dir;

  @Test
  void tenWrongAnswersSilenceTheGuesserAndTheAgentsPhoneGoesOn() throws Exception {
    try (NodeHarness atalaya = NodeHarness.start(dir.resolve("data"), 61500, 5, 10)) {
      atalaya.addAgent("1001", "right-pass-1001");
      int phonePort = NodeHarness.freePort();
      atalaya.register(dir.resolve("reg-1"), phonePort, "1001", "right-pass-1001");

      try (Guesser guesser = new Guesser("127.0.0.2", atalaya.sipPort)) {
        String nonce = guesser.challenge();
        for (int i = 1; i <= 10; i++) {
          assertThat(guesser.guess(nonce)).as("guess %d answered", i).isEqualTo(403);
        }
        assertThat(guesser.guess(nonce)).as("the 11th guess gets no answer").isEqualTo(0);
        assertThat(guesser.challengeOrNothing()).as("nor does a fresh REGISTER").isNull();
      }
      // The agent's phone, on the address it registered from, still registers.
      atalaya.register(dir.resolve("reg-2"), phonePort, "1001", "right-pass-1001");
      // Another new address for the guessed account is refused while it is protected, right password or not.
      try (Sipp stranger = Sipp.start(dir.resolve("reg-3"), "agent-register-refused",
          Map.of("USER", "1001", "PASSWORD", "right-pass-1001"), "127.0.0.1:" + atalaya.sipPort,
          "-i", "127.0.0.3", "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "10")) {
        assertThat(stranger.await(15)).as(stranger.logs()).isZero();
      }
      assertThat(atalaya.node.auditLog().list(Tenants.DEFAULT, 0, 100))
          .extracting(e -> e.event().action() + " " + e.event().target())
          .contains("sip.auth.block source:127.0.0.2", "sip.auth.protect agent:1001");
      // Supervisors see it on the dashboard.
      var guessing = atalaya.getJson("/api/v1/dashboard").get("guessing");
      assertThat(guessing.get("blockedNow").asInt()).isEqualTo(1);
      assertThat(guessing.get("blocks").asInt()).isEqualTo(1);
      assertThat(guessing.get("protections").asInt()).isEqualTo(1);
      assertThat(guessing.get("lastAccount").asText()).isEqualTo("1001");
    }
  }

  /** REGISTERs from a fixed address with a wrong digest answer, over UDP, one at a time. */
  private static final class Guesser implements AutoCloseable {
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");
    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final String local;
    private int cseq;

    Guesser(String address, int sipPort) throws Exception {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
      socket.setSoTimeout(1500);
      target = new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort);
      local = address + ":" + socket.getLocalPort();
    }

    String challenge() throws Exception {
      String nonce = challengeOrNothing();
      assertThat(nonce).as("401 with a nonce").isNotNull();
      return nonce;
    }

    String challengeOrNothing() throws Exception {
      String answer = send(null);
      if (answer == null) {
        return null;
      }
      Matcher m = NONCE.matcher(answer);
      return answer.startsWith("SIP/2.0 401") && m.find() ? m.group(1) : null;
    }

    /** The status code of the answer to one wrong guess; 0 when nothing came back. */
    int guess(String nonce) throws Exception {
      String answer = send("Authorization: Digest username=\"1001\", realm=\"atalaya\", nonce=\"" + nonce
          + "\", uri=\"sip:127.0.0.1\", response=\"" + "0".repeat(32) + "\", algorithm=MD5\r\n");
      return answer == null ? 0 : Integer.parseInt(answer.substring(8, 11));
    }

    private String send(String authorization) throws Exception {
      cseq++;
      String msg = "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP " + local + ";branch=z9hG4bK-" + UUID.randomUUID() + ";rport\r\n"
          + "Max-Forwards: 70\r\n"
          + "From: <sip:1001@127.0.0.1>;tag=g" + cseq + "\r\n"
          + "To: <sip:1001@127.0.0.1>\r\n"
          + "Call-ID: guess-" + UUID.randomUUID() + "\r\n"
          + "CSeq: " + cseq + " REGISTER\r\n"
          + "Contact: <sip:1001@" + local + ">\r\n"
          + "Expires: 60\r\n"
          + (authorization == null ? "" : authorization)
          + "Content-Length: 0\r\n\r\n";
      byte[] bytes = msg.getBytes(StandardCharsets.US_ASCII);
      socket.send(new DatagramPacket(bytes, bytes.length, target));
      byte[] buf = new byte[4096];
      while (true) {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(p);
        } catch (SocketTimeoutException e) {
          return null;
        }
        String answer = new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
        if (!answer.startsWith("SIP/2.0 100")) {
          return answer;
        }
      }
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}

package org.atalaya.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.atalaya.media.audio.Goertzel;
import org.atalaya.media.audio.Wav;

/**
 * The fuzz oracle's real call: a sipp customer (440 Hz, PCMU) calls number 5000, the registered
 * sipp agent 1001 (1000 Hz, PCMA) answers, they talk 3 s and the customer hangs up. It passes
 * when both sipps end well and the call's recording has the customer alone on the left channel
 * and the agent alone on the right, as CallPathE2ETest checks.
 */
final class CanaryCall {
  static final double CUSTOMER_HZ = 440;
  static final double AGENT_HZ = 1000;
  private static final int TALK_MS = 3000;

  private final FuzzNode node;
  private final Path dir;
  private final int agentPort;
  private final Path customerTone;
  private final Path agentTone;
  private int round;

  private CanaryCall(FuzzNode node, Path dir, int agentPort, Path customerTone, Path agentTone) {
    this.node = node;
    this.dir = dir;
    this.agentPort = agentPort;
    this.customerTone = customerTone;
    this.agentTone = agentTone;
  }

  /** Registers the canary agent's phone; its sipp answers from that port in every round. */
  static CanaryCall register(FuzzNode node, Path dir) throws Exception {
    int port = NodeHarness.freePort();
    registerAgent(node, dir.resolve("register"), FuzzNode.CANARY_AGENT, port);
    return new CanaryCall(node, dir, port, ToneFiles.write(java.nio.file.Files.createDirectories(dir), CUSTOMER_HZ, 0),
        ToneFiles.write(dir, AGENT_HZ, 8));
  }

  static void registerAgent(FuzzNode node, Path dir, String extension, int port) throws Exception {
    try (Sipp reg = Sipp.start(dir, "agent-register", Map.of("USER", extension, "PASSWORD", FuzzNode.password(extension)),
        "127.0.0.1:" + node.sipPort, "-p", "" + port, "-m", "1", "-timeout", "10")) {
      if (reg.await(20) != 0) {
        throw new IllegalStateException("agent " + extension + " did not register: " + reg.logs());
      }
    }
  }

  /** One call; empty if it passed, else why it did not. */
  Optional<String> place() throws Exception {
    Path work = dir.resolve("round-" + ++round);
    Instant before = Instant.now().minusSeconds(1);
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = Sipp.start(work, "agent-answer", Map.of("RTPPORT", "" + agentEar.port(), "PT", "8", "CODEC", "PCMA",
            "TONE", agentTone.toString(), "ANSWERDELAY", "200"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "30", "-mp", "" + SippMediaPorts.next());
        Sipp customer = Sipp.start(work, "customer-call", Map.of("RTPPORT", "" + customerEar.port(), "PT", "0",
            "CODEC", "PCMU", "TONE", customerTone.toString(), "TALKMS", "" + TALK_MS),
            "-s", FuzzNode.CANARY_NUMBER, "127.0.0.1:" + node.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1",
            "-timeout", "30", "-mp", "" + SippMediaPorts.next())) {
      int c = customer.await(40);
      int a = agent.await(15);
      if (c != 0 || a != 0) {
        return Optional.of("round " + round + ": sipp customer exited " + c + ", agent " + a + "\n" + customer.logs()
            + agent.logs());
      }
    }
    JsonNode rec = awaitRecording(before);
    if (rec == null) {
      return Optional.of("round " + round + ": no finished recording of agent " + FuzzNode.CANARY_AGENT + " within 20 s");
    }
    Wav.Pcm wav = Wav.read(new ByteArrayInputStream(node.bytes("/api/v1/recordings/" + rec.path("id").asText() + "/audio")));
    if (wav.channels() != 2) {
      return Optional.of("round " + round + ": recording " + rec.path("id").asText() + " has " + wav.channels() + " channels");
    }
    short[] left = middle(wav.channel(0));
    short[] right = middle(wav.channel(1));
    boolean ok = Goertzel.detects(left, 8000, CUSTOMER_HZ) && !Goertzel.detects(left, 8000, AGENT_HZ)
        && Goertzel.detects(right, 8000, AGENT_HZ) && !Goertzel.detects(right, 8000, CUSTOMER_HZ);
    return ok ? Optional.empty() : Optional.of("round " + round + ": recording " + rec.path("id").asText()
        + " does not hold 440 Hz left and 1000 Hz right alone (" + left.length + " samples)");
  }

  private JsonNode awaitRecording(Instant since) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (JsonNode r : node.get("/api/v1/recordings?agent=" + FuzzNode.CANARY_AGENT + "&from=" + since).path("items")) {
        if (!"RECORDING".equals(r.path("status").asText())) {
          return r;
        }
      }
      Thread.sleep(250);
    }
    return null;
  }

  /** The middle 60 % of a signal: away from call setup and teardown. */
  private static short[] middle(short[] pcm) {
    return Arrays.copyOfRange(pcm, pcm.length / 5, pcm.length * 4 / 5);
  }
}

package org.atalaya.app.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The call the RTP fuzzer aims at: a sipp customer calls number 5001 and the victim agent 1002
 * answers, both speaking tones, for a fixed time. The node's two anchored ports are read from
 * the SDP each sipp received (sipp's message trace), so the fuzzer hits exactly this call.
 */
final class VictimCall implements AutoCloseable {
  private static final Pattern AUDIO = Pattern.compile("m=audio (\\d+)");

  final int customerLegPort;
  final int agentLegPort;
  private final Sipp agent;
  private final Sipp customer;
  private final RtpProbe agentEar;
  private final RtpProbe customerEar;

  private VictimCall(int customerLegPort, int agentLegPort, Sipp agent, Sipp customer, RtpProbe agentEar,
      RtpProbe customerEar) {
    this.customerLegPort = customerLegPort;
    this.agentLegPort = agentLegPort;
    this.agent = agent;
    this.customer = customer;
    this.agentEar = agentEar;
    this.customerEar = customerEar;
  }

  /** Places the call and waits (up to 15 s) until both legs' media ports are known. */
  static VictimCall place(FuzzNode node, Path dir, int agentPort, Path tone, int talkMs) throws Exception {
    RtpProbe agentEar = new RtpProbe();
    RtpProbe customerEar = new RtpProbe();
    Sipp agent = null;
    Sipp customer = null;
    try {
      agent = Sipp.start(dir.resolve("agent"), "agent-answer", Map.of("RTPPORT", "" + agentEar.port(), "PT", "0",
          "CODEC", "PCMU", "TONE", tone.toString(), "ANSWERDELAY", "100"),
          "-p", "" + agentPort, "-m", "1", "-timeout", "60", "-trace_msg", "-mp", "" + SippMediaPorts.next());
      customer = Sipp.start(dir.resolve("customer"), "customer-call", Map.of("RTPPORT", "" + customerEar.port(), "PT", "0",
          "CODEC", "PCMU", "TONE", tone.toString(), "TALKMS", "" + talkMs),
          "-s", FuzzNode.VICTIM_NUMBER, "127.0.0.1:" + node.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1",
          "-timeout", "60", "-trace_msg", "-mp", "" + SippMediaPorts.next());
      long deadline = System.nanoTime() + 15_000_000_000L;
      int customerLeg = -1;
      int agentLeg = -1;
      while ((customerLeg < 0 || agentLeg < 0) && System.nanoTime() < deadline && customer.isAlive()) {
        Thread.sleep(100);
        customerLeg = nodePort(dir.resolve("customer"));
        agentLeg = nodePort(dir.resolve("agent"));
      }
      if (customerLeg < 0 || agentLeg < 0) {
        throw new IOException("victim call: media ports not seen (customer leg " + customerLeg + ", agent leg " + agentLeg
            + ")\n" + customer.logs() + agent.logs());
      }
      return new VictimCall(customerLeg, agentLeg, agent, customer, agentEar, customerEar);
    } catch (Exception | Error e) {
      close(agent, customer, agentEar, customerEar);
      throw e;
    }
  }

  /** The node's media port in the SDP a sipp received: the one m=audio port in the node's range. */
  private static int nodePort(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith("messages.log")).toList()) {
        Matcher m = AUDIO.matcher(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
        while (m.find()) {
          int port = Integer.parseInt(m.group(1));
          if (port >= FuzzNode.MEDIA_MIN && port <= FuzzNode.MEDIA_MAX) {
            return port;
          }
        }
      }
    }
    return -1;
  }

  /** Waits for the call to end; empty if both sipps ended well, else why not. */
  java.util.Optional<String> awaitEnd() throws InterruptedException {
    int c = customer.await(60);
    int a = agent.await(15);
    return c == 0 && a == 0 ? java.util.Optional.empty()
        : java.util.Optional.of("victim call: sipp customer exited " + c + ", agent " + a + "\n" + customer.logs()
            + agent.logs());
  }

  @Override
  public void close() {
    close(agent, customer, agentEar, customerEar);
  }

  private static void close(Sipp agent, Sipp customer, RtpProbe agentEar, RtpProbe customerEar) {
    for (Sipp s : new Sipp[] {customer, agent}) {
      if (s != null) {
        s.close();
      }
    }
    for (RtpProbe p : new RtpProbe[] {agentEar, customerEar}) {
      try {
        p.close();
      } catch (IOException e) {
        // the test's own socket: nothing to report
      }
    }
  }
}

package org.atalaya.app.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.atalaya.media.audio.Wav;

/**
 * Fires RTP and RTCP cases at live calls: places a victim call, sends cases at its two anchored
 * ports (and the ports above them, where RTCP would be) while it talks, waits for it to end
 * well and its recording to be there, and starts the next, until told to stop. Packets come from 127.0.2.1-4, loopback only.
 */
final class RtpFuzzer implements AutoCloseable {
  /** Each victim call talks this long; the fuzzer stops sending a second before it hangs up. */
  static final int TALK_MS = 8000;
  /** A flood ends after this long even if it has packets left. */
  private static final long FLOOD_NANOS = 1_000_000_000L;

  private final RtpCases cases;
  private final FuzzNode node;
  private final Path dir;
  private final Tally tally;
  private final List<String> failures;
  private final List<DatagramSocket> sockets = new ArrayList<>();
  private final int agentPort;
  private final Path tone;
  private long next;

  RtpFuzzer(long seed, FuzzNode node, Path dir, Tally tally, List<String> failures) throws Exception {
    this.cases = new RtpCases(seed);
    this.node = node;
    this.dir = dir;
    this.tally = tally;
    this.failures = failures;
    for (int i = 1; i <= 4; i++) {
      sockets.add(new DatagramSocket(new InetSocketAddress("127.0.2." + i, 0)));
    }
    this.agentPort = NodeHarness.freePort();
    CanaryCall.registerAgent(node, dir.resolve("register"), FuzzNode.VICTIM_AGENT, agentPort);
    this.tone = ToneFiles.write(java.nio.file.Files.createDirectories(dir), 660, 0);
  }

  /** Victim calls one after another, each fuzzed at {@code perSecond} cases a second, until {@code stop}. */
  void run(BooleanSupplier stop, int perSecond) {
    for (int call = 1; !stop.getAsBoolean(); call++) {
      java.time.Instant placed = java.time.Instant.now().minusSeconds(1);
      try (VictimCall v = VictimCall.place(node, dir.resolve("victim-" + call), agentPort, tone, TALK_MS)) {
        long start = System.nanoTime();
        long until = start + (TALK_MS - 1000) * 1_000_000L;
        for (long i = 0; System.nanoTime() < until && !stop.getAsBoolean(); i++) {
          send(cases.get(next++), v);
          long due = start + i * 1_000_000_000L / perSecond;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
        Optional<String> failed = v.awaitEnd();
        if (failed.isEmpty()) {
          failed = recorded(placed);
        }
        tally.add("rtp.victim-calls", failed.isPresent() ? "failed" : "ok");
        failed.ifPresent(failures::add);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        tally.add("rtp.victim-calls", "failed");
        failures.add("victim call " + call + ": " + e);
      }
    }
  }

  /**
   * Whether the victim call placed after {@code since} was recorded in spite of the junk: a
   * finished recording of the victim agent, stereo, of at least half its talk time.
   */
  private Optional<String> recorded(java.time.Instant since) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (com.fasterxml.jackson.databind.JsonNode r
          : node.get("/api/v1/recordings?agent=" + FuzzNode.VICTIM_AGENT + "&from=" + since).path("items")) {
        if (!"RECORDING".equals(r.path("status").asText())) {
          Wav.Pcm wav = Wav.read(new java.io.ByteArrayInputStream(
              node.bytes("/api/v1/recordings/" + r.path("id").asText() + "/audio")));
          int seconds = wav.samples().length / Math.max(1, wav.channels()) / 8000;
          return wav.channels() == 2 && seconds >= TALK_MS / 2000 ? Optional.empty()
              : Optional.of("victim recording " + r.path("id").asText() + ": " + wav.channels() + " channels, " + seconds + " s");
        }
      }
      Thread.sleep(250);
    }
    return Optional.of("victim call placed after " + since + ": no finished recording within 20 s");
  }

  private void send(RtpCases.RtpCase c, VictimCall v) throws IOException {
    int port = (c.toAgentLeg() ? v.agentLegPort : v.customerLegPort) + (c.rtcpPort() ? 1 : 0);
    InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
    DatagramSocket from = sockets.get((int) (c.number() % sockets.size()));
    tally.add("rtp.kind", c.kind().name());
    long start = System.nanoTime();
    int sent = 0;
    for (byte[] p : c.packets()) {
      if (System.nanoTime() - start > FLOOD_NANOS) {
        break;
      }
      try {
        from.send(new DatagramPacket(p, p.length, to));
        sent++;
      } catch (IOException e) {
        tally.add("rtp.send-error", e.getClass().getSimpleName()); // e.g. ICMP unreachable from an RTCP port
      }
    }
    tally.add("rtp.packets", "sent", sent);
  }

  long casesSent() {
    return next;
  }

  @Override
  public void close() {
    sockets.forEach(DatagramSocket::close);
  }
}

package org.atalaya.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs Atalaya's levels: sipp customers call in (440 Hz), the agents' sipp answers every call
 * (1000 Hz), both speak for the whole call, and every call is recorded. A level ramps up to its
 * concurrent calls, holds them through a measured window, then lets them all hang up and checks
 * the recordings before the next level starts.
 */
final class AtalayaSweep {
  static final double CUSTOMER_HZ = 440;
  static final double AGENT_HZ = 1000;

  private final AtalayaUnderTest atalaya;
  private final Api api;
  private final Path work;
  private final RtpSink customerEar;
  private final RtpSink agentEar;
  private final SippRun agents;
  private final int rampRate;
  private final Path customerTone;
  private final Path probeTone;

  AtalayaSweep(AtalayaUnderTest atalaya, Api api, Path work, RtpSink customerEar, RtpSink agentEar, SippRun agents,
      int rampRate) throws IOException {
    this.atalaya = atalaya;
    this.api = api;
    this.work = work;
    this.customerEar = customerEar;
    this.agentEar = agentEar;
    this.agents = agents;
    this.rampRate = rampRate;
    this.customerTone = ToneFile.bulk(work, CUSTOMER_HZ);
    this.probeTone = ToneFile.probe(work, CUSTOMER_HZ);
  }

  /**
   * One level: {@code calls} concurrent calls held through {@code windowSeconds}; with
   * {@code listenShare}/{@code bargeShare} of them under monitoring during the window.
   */
  /** The customers' tone file, for other runs against the same Atalaya. */
  Path customerTone() {
    return customerTone;
  }

  /**
   * @throws LevelRefusedException when Atalaya refused part of the ramp (after the level's calls
   *     have ended, so the next run starts on an idle node)
   */
  AtalayaLevel run(int calls, int windowSeconds, double listenShare, double bargeShare) throws Exception {
    String name = "atalaya-" + calls + (listenShare > 0 ? "-monitored" : "");
    Path dir = work.resolve(name);
    customerEar.reset();
    agentEar.reset();
    // Probe calls, whose packets the capture times, start a second apart (see ProbeCapture).
    int probes = Math.max(2, Math.min(20, calls / 25));
    int bulk = calls - probes;
    int rampSeconds = Math.max(probes, (bulk + rampRate - 1) / rampRate);
    int talkMs = (rampSeconds + 15 + windowSeconds + 5) * 1000;
    Instant start = Instant.now().minusSeconds(1);
    System.out.printf("%s: %d calls (%d probes), ramp %d s, window %d s%n", name, calls, probes, rampSeconds, windowSeconds);
    try (SippRun customers = customers(dir, "customers", customerTone, bulk, rampRate, talkMs, 40100);
        SippRun probeCalls = customers(dir, "probes", probeTone, probes, 1, talkMs, 40200)) {
      LevelRefused refused = awaitTalking(calls, rampSeconds + 30, customers, probeCalls);
      if (refused != null) {
        // Let the calls that were answered end as they would (their BYEs), not be killed: a call
        // left up would count as talking in the next run.
        customers.await(talkMs / 1000 + 120);
        probeCalls.await(60);
        throw new LevelRefusedException(refused);
      }
      Thread.sleep(3000);
      Set<String> monitored = new HashSet<>();
      Monitors monitors = null;
      if (listenShare > 0 || bargeShare > 0) {
        List<String> talking = api.talkingCalls();
        int nListen = (int) Math.round(calls * listenShare);
        int nBarge = (int) Math.round(calls * bargeShare);
        List<String> listen = talking.subList(0, nListen);
        List<String> barge = talking.subList(nListen, nListen + nBarge);
        monitored.addAll(listen);
        monitored.addAll(barge);
        monitors = Monitors.open(api, listen, barge);
        Thread.sleep(2000);
      }
      long pid = atalaya.pid();
      long self = ProcessHandle.current().pid();
      double cpu0 = ProcStats.cpuSeconds(pid);
      double gen0 = ProcStats.cpuSeconds(customers.pid()) + ProcStats.cpuSeconds(agents.pid());
      long out0 = customerEar.packets() + agentEar.packets();
      long lost0 = customerEar.lost() + agentEar.lost();
      long dropA0 = ProcStats.udpDrops(pid);
      long dropB0 = ProcStats.udpDrops(self);
      HostCpu host0 = HostCpu.now();
      long t0 = System.nanoTime();
      ProbeCapture capture = ProbeCapture.start(dir.resolve("probes.pcap"));
      Thread.sleep(windowSeconds * 1000L);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double hostBusy = HostCpu.now().busyPercentSince(host0);
      double cpu = ProcStats.cpuSeconds(pid) - cpu0;
      double gen = ProcStats.cpuSeconds(customers.pid()) + ProcStats.cpuSeconds(agents.pid()) - gen0;
      long out = customerEar.packets() + agentEar.packets() - out0;
      long gaps = customerEar.lost() + agentEar.lost() - lost0;
      long dropA = ProcStats.udpDrops(pid) - dropA0;
      long dropB = ProcStats.udpDrops(self) - dropB0;
      long rss = ProcStats.rssKb(pid);
      double[] delays = capture.stopAndMeasure(agentEar.port());
      if (monitors != null) {
        monitors.close();
      }
      // A datagram the bench's own receiver dropped is the load generator's failing, not Atalaya's.
      long lost = Math.max(0, gaps - dropB);
      RelayLevel relay = new RelayLevel("atalaya", calls, seconds, out + lost, out, lost, cpu, rss,
          ProcStats.percentile(delays, 50), ProcStats.percentile(delays, 99), delays.length, hostBusy);
      customers.await(talkMs / 1000 + 120);
      probeCalls.await(60);
      long[] c = customers.calls();
      long[] p = probeCalls.calls();
      List<JsonNode> recs = api.awaitFinishedRecordings(start, c[0] + p[0], 120);
      double bytes = 0;
      double millis = 0;
      for (JsonNode r : recs) {
        bytes += r.path("sizeBytes").asLong();
        millis += r.path("durationMillis").asLong();
      }
      RecordingCheck.Result check = RecordingCheck.spotCheck(api, recs, monitored, 5, CUSTOMER_HZ, AGENT_HZ,
          dir.resolve("failed-recordings"));
      AtalayaLevel level = new AtalayaLevel(relay, monitored.size() - (int) Math.round(calls * bargeShare),
          (int) Math.round(calls * bargeShare), c[0] + p[0], c[1] + p[1], recs.size(),
          millis == 0 ? 0 : bytes / millis * 3_600_000, check.checked(), check.correct(), check.toneShare(), dropA,
          dropB, gen);
      System.out.printf("  %s%n", Report.line(level));
      double offered = (double) relay.packetsIn() / (calls * 100.0 * seconds);
      if (offered < 0.95) {
        System.out.printf("  warning: the senders offered only %.1f %% of the level's packets (load generator short of CPU)%n",
            offered * 100);
      }
      return level;
    }
  }

  private SippRun customers(Path dir, String name, Path tone, int calls, int rate, int talkMs, int mediaPort)
      throws IOException {
    return SippRun.start(dir, name, "customers",
        Map.of("RTPPORT", "" + customerEar.port(), "TONE", tone.toString(), "TALKMS", "" + talkMs),
        "127.0.0.1:" + atalaya.sipPort, "-s", "5000", "-m", "" + calls, "-l", "" + calls, "-r", "" + rate,
        "-timeout", "" + (talkMs / 1000 + 300), "-max_socket", "4096", "-mp", "" + mediaPort);
  }

  /**
   * Waits until {@code calls} are talking; null then. When Atalaya refuses calls with 503, waits
   * until the ramp is over (every call talking or refused) and says so.
   */
  private LevelRefused awaitTalking(int calls, int seconds, SippRun customers, SippRun probes) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    int talking = 0;
    int most = 0;
    long refused = 0;
    while (System.nanoTime() < deadline) {
      talking = api.talkingCalls().size();
      most = Math.max(most, talking);
      refused = customers.received(503) + probes.received(503);
      if (talking >= calls) {
        return null;
      }
      if (refused > 0 && talking + refused >= calls) {
        return new LevelRefused(calls, refused, most);
      }
      Thread.sleep(1000);
    }
    if (refused > 0) {
      return new LevelRefused(calls, refused, most);
    }
    throw new IllegalStateException(talking + " of " + calls + " calls connected after " + seconds + " s");
  }

  /** Thrown by {@link #run} for a level Atalaya refused in part. */
  static final class LevelRefusedException extends Exception {
    final LevelRefused level;

    LevelRefusedException(LevelRefused level) {
      super(level.describe());
      this.level = level;
    }
  }
}

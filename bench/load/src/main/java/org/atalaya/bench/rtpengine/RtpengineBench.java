package org.atalaya.bench.rtpengine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.atalaya.bench.HostCpu;
import org.atalaya.bench.ProcStats;
import org.atalaya.bench.RelayLevel;

/**
 * rtpengine relaying the bench's streams, the yardstick for Atalaya's CPU per relayed packet.
 *
 * <p>What rtpengine does <em>not</em> do here, so what the ratio leaves out: it records nothing
 * (its recording daemon is not configured and no call asks for recording), it transcodes nothing
 * (PCMU in, PCMU out, payloads relayed verbatim; it does parse RTP to track each stream), and it
 * forwards in user space ({@code --table=-1}), not with its kernel module, which would take the
 * packets off the daemon's threads altogether. Atalaya, by contrast, anchors and records; the
 * difference in work is part of what the ratio shows.
 *
 * <p>One rtpengine process serves the whole run, as a production daemon would: starting it per
 * level would only add its startup, and with {@code --delete-delay=0} the calls of a level are
 * gone, ports included, before the next level sets its own up. Its RSS is therefore the peak of
 * a long-lived process at that level, as Atalaya's is.
 *
 * <p>The load generator (this JVM: {@link RtpStreams}) runs on the same machine and competes
 * with rtpengine for the CPUs. Its own CPU and its sockets' kernel drops are printed with each
 * level, to tell a relay that falls behind from a generator that does.
 */
public final class RtpengineBench {
  /** Loss ratio above which the run stops after the level. */
  public static final double MAX_LOSS = 0.001;
  /**
   * Share of its packets the generator may fail to send before the run stops: beyond that, the
   * machine is out of CPU for the generator and rtpengine together, and higher levels would only
   * run further below their load.
   */
  public static final double MAX_SHORTFALL = 0.05;

  private RtpengineBench() {}

  /** {@link #run(Path, int[], int, int, int)} with one rtpengine worker thread per CPU. */
  public static List<RelayLevel> run(Path workDir, int[] levels, int warmupSeconds, int windowSeconds)
      throws IOException, InterruptedException {
    return run(workDir, levels, warmupSeconds, windowSeconds, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Runs each level (concurrent calls) in turn: sets the calls up, streams for {@code
   * warmupSeconds}, measures over {@code windowSeconds}, stops streaming and deletes the calls.
   * Stops after the first level that loses more than {@link #MAX_LOSS} of its packets, or whose
   * generator sent more than {@link #MAX_SHORTFALL} fewer packets than the level's calls make.
   *
   * <p>rtpengine's media ports are 10000-19999 (below the ephemeral range, where the peers bind,
   * and Atalaya's default 20000 up); override with {@code -Dbench.rtpengine.ports=MIN-MAX}.
   *
   * @param workDir where rtpengine's log goes
   * @param rtpengineThreads its {@code --num-threads}
   * @return one {@code RelayLevel("rtpengine", ...)} per level run
   */
  public static List<RelayLevel> run(Path workDir, int[] levels, int warmupSeconds, int windowSeconds,
      int rtpengineThreads) throws IOException, InterruptedException {
    String[] range = System.getProperty("bench.rtpengine.ports", "10000-19999").split("-");
    int portMin = Integer.parseInt(range[0].trim());
    int portMax = Integer.parseInt(range[1].trim());
    for (int calls : levels) {
      if (calls * 4L > portMax - portMin + 1) {
        throw new IllegalArgumentException(calls + " calls need " + calls * 4 + " rtpengine ports; the range "
            + portMin + "-" + portMax + " is too small");
      }
    }
    Files.createDirectories(workDir);
    int ngPort = freeUdpPort();
    List<RelayLevel> results = new ArrayList<>();
    try (Rtpengine rtpengine = Rtpengine.start(workDir, ngPort, portMin, portMax, rtpengineThreads);
        NgClient ng = new NgClient(ngPort, Duration.ofSeconds(2))) {
      Thread guard = new Thread(rtpengine::close, "rtpengine-stop");
      Runtime.getRuntime().addShutdownHook(guard); // an interrupted run must not leave it behind
      try {
        log("rtpengine " + rtpengine.pid() + " (" + rtpengineThreads + " threads, ng 127.0.0.1:" + ngPort
            + ", log " + rtpengine.log() + ")");
        for (int calls : levels) {
          LevelRun run = runLevel(rtpengine, ng, calls, warmupSeconds, windowSeconds);
          results.add(run.level());
          if (run.level().lossRatio() > MAX_LOSS) {
            log(String.format(Locale.ROOT, "loss %.3f %% > %.1f %%: stopping", run.level().lossRatio() * 100,
                MAX_LOSS * 100));
            break;
          }
          if (run.shortfall() > MAX_SHORTFALL) {
            log(String.format(Locale.ROOT, "the generator fell %.1f %% short (> %.0f %%): stopping",
                run.shortfall() * 100, MAX_SHORTFALL * 100));
            break;
          }
        }
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(guard);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running already
        }
      }
    }
    return results;
  }

  /** A level's figures, and the share of its packets the generator did not manage to send. */
  private record LevelRun(RelayLevel level, double shortfall) {}

  private static LevelRun runLevel(Rtpengine rtpengine, NgClient ng, int calls, int warmupSeconds,
      int windowSeconds) throws IOException, InterruptedException {
    long pid = rtpengine.pid();
    long self = ProcessHandle.current().pid();
    try (RtpStreams streams = new RtpStreams(calls)) {
      long t0 = System.nanoTime();
      try {
        streams.setUp(ng);
        log(String.format(Locale.ROOT, "%d calls set up in %.1f s", calls, (System.nanoTime() - t0) / 1e9));
        streams.start();
        Thread.sleep(warmupSeconds * 1000L);

        long drops0 = ProcStats.udpDrops(pid);
        long selfDrops0 = ProcStats.udpDrops(self);
        double selfCpu0 = ProcStats.cpuSeconds(self);
        double cpu0 = ProcStats.cpuSeconds(pid);
        HostCpu host0 = HostCpu.now();
        RtpStreams.Snapshot s0 = streams.snapshot();
        Thread.sleep(windowSeconds * 1000L);
        RtpStreams.Snapshot s1 = streams.snapshot();
        double hostBusy = HostCpu.now().busyPercentSince(host0);
        double cpu1 = ProcStats.cpuSeconds(pid);
        double selfCpu1 = ProcStats.cpuSeconds(self);
        long rss = ProcStats.rssKb(pid);
        long drops = ProcStats.udpDrops(pid) - drops0;
        long selfDrops = ProcStats.udpDrops(self) - selfDrops0;

        RtpStreams.Snapshot w = s1.since(s0);
        double seconds = w.nanos() / 1e9;
        RelayLevel level = new RelayLevel("rtpengine", calls, seconds, w.sent(), w.received(), w.lost() + drops,
            cpu1 - cpu0, rss, w.delayPercentileMs(50), w.delayPercentileMs(99), w.delaySamples(), hostBusy);
        System.out.println(String.format(Locale.ROOT,
            "rtpengine %5d calls: %.1f s, in %d, out %d, lost %d (%.3f %%: %d gaps, %d rtpengine drops), "
                + "cpu %.2f s = %.2f us/packet (%.0f %% of a core), rss %d KiB, delay p50 %.3f ms p99 %.3f ms "
                + "(%d samples) | generator: cpu %.0f %% of a core, %d socket drops, %d send failures, "
                + "%d skipped sends, %d reordered, %d foreign",
            calls, seconds, level.packetsIn(), level.packetsOut(), level.lost(), level.lossRatio() * 100, w.lost(),
            drops, level.cpuSeconds(), level.cpuMicrosPerPacket(), level.cpuSeconds() / seconds * 100, rss,
            level.p50Ms(), level.p99Ms(), level.delaySamples(), (selfCpu1 - selfCpu0) / seconds * 100, selfDrops,
            w.sendFailures(), w.skippedPackets(), w.reordered(), w.foreign()));
        long attempted = w.sent() + w.skippedPackets() + w.sendFailures();
        double shortfall = attempted == 0 ? 0 : (double) (w.skippedPackets() + w.sendFailures()) / attempted;
        if (shortfall > 0.01) {
          log(String.format(Locale.ROOT, "the generator sent %.1f %% fewer packets than %d calls make: it could not"
              + " keep up (CPU taken by rtpengine or by other work), so this level ran below its load",
              shortfall * 100, calls));
        }
        return new LevelRun(level, shortfall);
      } finally {
        streams.stop();
        int failed = streams.delete(ng);
        if (failed > 0) {
          log(failed + " of " + calls + " deletes failed");
        }
      }
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return s.getLocalPort();
    }
  }

  private static void log(String line) {
    System.err.println("[rtpengine-bench] " + line);
  }

  /**
   * {@code RtpengineBench [levels [windowSeconds [warmupSeconds [workDir]]]]}, e.g. {@code
   * 100,500,1000 10}: one line per level, then the levels as JSON, on stdout.
   */
  public static void main(String[] args) throws Exception {
    int[] levels = Arrays.stream((args.length > 0 ? args[0] : "100,500,1000").split(","))
        .map(String::trim).mapToInt(Integer::parseInt).toArray();
    int window = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path workDir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("rtpengine-bench");
    List<RelayLevel> levelsRun = run(workDir, levels, warmup, window);
    System.out.println(new ObjectMapper().writeValueAsString(levelsRun));
  }
}

package org.atalaya.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bench's outputs: results.json, report.md (the tables BENCHMARKS.md quotes) and plot.png. */
final class Report {
  private Report() {}

  static String line(AtalayaLevel l) {
    RelayLevel r = l.relay();
    return String.format("%d calls: %.0f pkt/s out, loss %.4f %%, delay p50 %.3f p99 %.3f ms (%d samples), CPU %.1f %% "
            + "(%.1f µs/pkt), RSS %d MiB, %d/%d calls ok, %d recordings, %d/%d checked correct, tone %.2f %%, "
            + "kernel drops Atalaya %d bench %d, host busy %.0f %%", r.calls(), r.packetsOut() / r.seconds(), r.lossRatio() * 100,
        r.p50Ms(), r.p99Ms(), r.delaySamples(), 100 * r.cpuSeconds() / r.seconds(), r.cpuMicrosPerPacket(),
        r.rssKb() / 1024, l.callsOk(), l.callsOk() + l.callsFailed(), l.recordings(), l.correct(), l.checked(),
        l.recorderToneShare() * 100, l.kernelDropsAtalaya(), l.kernelDropsBench(), r.hostBusyPercent());
  }

  static void write(Path dir, Map<String, Object> machine, List<AtalayaLevel> sweep, List<AtalayaLevel> monitored,
      List<RelayLevel> rtpengine, List<SetupRate.Result> setup, LevelRefused refused) throws IOException {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("machine", machine);
    all.put("atalaya", sweep);
    all.put("monitored", monitored);
    all.put("rtpengine", rtpengine);
    all.put("setupRate", setup);
    all.put("refusedLevel", refused);
    new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve("results.json").toFile(), all);
    Files.writeString(dir.resolve("report.md"), markdown(machine, sweep, monitored, rtpengine, setup, refused));
    plot(dir.resolve("plot.png"), sweep, rtpengine);
  }

  private static String markdown(Map<String, Object> machine, List<AtalayaLevel> sweep, List<AtalayaLevel> monitored,
      List<RelayLevel> rtpengine, List<SetupRate.Result> setup, LevelRefused refused) {
    StringBuilder md = new StringBuilder();
    md.append("Machine: ").append(machine).append("\n\n");
    md.append(String.format("Highest level with 0 loss and p99 delay under 5 ms: Atalaya %s, rtpengine %s.%n%n",
        withinTarget(sweep.stream().map(AtalayaLevel::relay).toList()), withinTarget(rtpengine)));
    md.append("#### Atalaya: concurrent recorded calls\n\n")
        .append("| calls | pkt/s in | pkt/s out | loss | delay p50 | delay p99 | CPU (% of a core) | µs CPU/pkt | calls per core | RSS | recording per call-hour | calls ok | recordings | tone check | sipp CPU | host busy |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
    for (AtalayaLevel l : sweep) {
      RelayLevel r = l.relay();
      md.append(String.format("| %d | %.0f | %.0f | %.4f %% | %.2f ms | %.2f ms | %.0f %% | %.1f | %.0f | %d MiB | %.1f MB | %d/%d | %d | %d/%d, %.2f %% of frames | %.0f %% | %.0f %% |%n",
          r.calls(), r.packetsIn() / r.seconds(), r.packetsOut() / r.seconds(), r.lossRatio() * 100, r.p50Ms(), r.p99Ms(),
          100 * r.cpuSeconds() / r.seconds(), r.cpuMicrosPerPacket(), r.calls() / (r.cpuSeconds() / r.seconds()),
          r.rssKb() / 1024, l.recordingBytesPerCallHour() / 1e6, l.callsOk(), l.callsOk() + l.callsFailed(),
          l.recordings(), l.correct(), l.checked(), l.recorderToneShare() * 100, 100 * l.loadGenCpuSeconds() / r.seconds(),
          r.hostBusyPercent()));
    }
    if (refused != null) {
      md.append("\nNot held: ").append(refused.describe()).append(". The sweep stopped there.\n");
    }
    if (!monitored.isEmpty()) {
      md.append("\n#### The cost of monitoring\n\n")
          .append("| calls | listening | barging | CPU without | CPU with | µs CPU/pkt without | with | loss with | delay p99 with |\n")
          .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (AtalayaLevel m : monitored) {
        AtalayaLevel plain = sweep.stream().filter(l -> l.relay().calls() == m.relay().calls()).findFirst().orElse(null);
        RelayLevel r = m.relay();
        md.append(String.format("| %d | %d | %d | %s | %.0f %% | %s | %.1f | %.4f %% | %.2f ms |%n", r.calls(),
            m.listeners(), m.barging(),
            plain == null ? "–" : String.format("%.0f %%", 100 * plain.relay().cpuSeconds() / plain.relay().seconds()),
            100 * r.cpuSeconds() / r.seconds(),
            plain == null ? "–" : String.format("%.1f", plain.relay().cpuMicrosPerPacket()), r.cpuMicrosPerPacket(),
            r.lossRatio() * 100, r.p99Ms()));
      }
    }
    if (!rtpengine.isEmpty()) {
      md.append("\n#### Side by side: rtpengine relaying the same streams\n\n")
          .append("| calls | pkt/s relayed | loss | delay p50 | delay p99 | CPU (% of a core) | µs CPU/pkt | RSS | host busy | Atalaya µs/pkt | ratio |\n")
          .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (RelayLevel r : rtpengine) {
        AtalayaLevel a = sweep.stream().filter(l -> l.relay().calls() == r.calls()).findFirst().orElse(null);
        md.append(String.format("| %d | %.0f | %.4f %% | %.2f ms | %.2f ms | %.0f %% | %.1f | %d MiB | %.0f %% | %s | %s |%n",
            r.calls(), r.packetsOut() / r.seconds(), r.lossRatio() * 100, r.p50Ms(), r.p99Ms(),
            100 * r.cpuSeconds() / r.seconds(), r.cpuMicrosPerPacket(), r.rssKb() / 1024, r.hostBusyPercent(),
            a == null ? "–" : String.format("%.1f", a.relay().cpuMicrosPerPacket()),
            a == null ? "–" : String.format("%.2f×", a.relay().cpuMicrosPerPacket() / r.cpuMicrosPerPacket())));
      }
    }
    if (!setup.isEmpty()) {
      md.append("\n#### Call setup rate (recorded, 2 s calls)\n\n")
          .append("| calls/s offered | for | INVITE to 200, mean | all done after | ok | failed | refused (503) | recordings"
              + " | Atalaya CPU (% of a core) | CPU ms per call | calls still up " + SetupRate.LEFT_UP_WAIT_SECONDS + " s after"
              + " | holds (kept pace, < 0.1 % failed or refused, all recorded, none left up) |\n")
          .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
      for (SetupRate.Result s : setup) {
        md.append(String.format("| %d | %d s | %.0f ms | %.0f s | %d | %d | %d (%.2f %% with the failed) | %d | %.0f %% | %.1f"
                + " | %d | %s |%n",
            s.cps(), s.seconds(), s.answerMs(), s.wallSeconds(), s.ok(), s.failed(), s.refused(), s.failedShare() * 100,
            s.recordings(), 100 * s.cpuSeconds() / s.wallSeconds(), 1000 * s.cpuSeconds() / Math.max(1, s.ok() + s.failed()),
            s.leftUp(), s.holds() ? "yes" : "no"));
      }
    }
    return md.toString();
  }

  /**
   * The target's delay and loss bound, applied to each level measured: the highest that meets it,
   * and how busy the host was at the first level that does not, to tell a relay that ran out of
   * speed from a machine that ran out of cores.
   */
  private static String withinTarget(List<RelayLevel> levels) {
    if (levels.isEmpty()) {
      return "not run";
    }
    java.util.function.Predicate<RelayLevel> meets = r -> r.lost() == 0 && r.p99Ms() < 5;
    java.util.OptionalInt best = levels.stream().filter(meets).mapToInt(RelayLevel::calls).max();
    String within = best.isPresent() ? best.getAsInt() + " calls" : "none of the levels run";
    return levels.stream().filter(meets.negate()).filter(r -> r.calls() > best.orElse(0)).findFirst()
        .map(r -> String.format("%s (at %d calls, p99 %.1f ms with the host %.0f %% busy)", within, r.calls(), r.p99Ms(),
            r.hostBusyPercent()))
        .orElse(within);
  }

  private static void plot(Path png, List<AtalayaLevel> sweep, List<RelayLevel> rtpengine) throws IOException {
    double[] x = sweep.stream().mapToDouble(l -> l.relay().calls()).toArray();
    double[] cpu = sweep.stream().mapToDouble(l -> 100 * l.relay().cpuSeconds() / l.relay().seconds()).toArray();
    double[] loss = sweep.stream().mapToDouble(l -> l.relay().lossRatio() * 100).toArray();
    double[] p99 = sweep.stream().mapToDouble(l -> l.relay().p99Ms()).toArray();
    double[] rx = rtpengine.stream().mapToDouble(RelayLevel::calls).toArray();
    double[] rcpu = rtpengine.stream().mapToDouble(r -> 100 * r.cpuSeconds() / r.seconds()).toArray();
    double[] rp99 = rtpengine.stream().mapToDouble(RelayLevel::p99Ms).toArray();
    Color atalaya = new Color(0, 114, 178);
    Color peer = new Color(213, 94, 0);
    Plot.write(png, "Atalaya under concurrent recorded calls (2 cores, loopback, sipp)", List.of(
        new Plot.Panel("CPU of the relay process", "concurrent calls", "% of one core", List.of(
            new Plot.Series("Atalaya (relay + stereo recording)", atalaya, x, cpu),
            new Plot.Series("rtpengine (relay only)", peer, rx, rcpu))),
        new Plot.Panel("Forwarding delay p99", "concurrent calls", "ms", List.of(
            new Plot.Series("Atalaya", atalaya, x, p99), new Plot.Series("rtpengine", peer, rx, rp99))),
        new Plot.Panel("Packet loss", "concurrent calls", "% of packets", List.of(
            new Plot.Series("Atalaya", atalaya, x, loss)))));
  }
}

package org.atalaya.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One sipp (Debian sip-tester) process: a scenario of this project's resources with its @KEY@
 * placeholders filled in, its statistics written to a CSV the bench reads at the end.
 */
final class SippRun implements AutoCloseable {
  private final Process process;
  private final Path stats;
  private final String name;

  private SippRun(Process process, Path stats, String name) {
    this.process = process;
    this.stats = stats;
    this.name = name;
  }

  static SippRun start(Path dir, String name, String scenario, Map<String, String> keys, String... args)
      throws IOException {
    Files.createDirectories(dir);
    String xml;
    try (InputStream in = SippRun.class.getResourceAsStream("/sipp/" + scenario + ".xml")) {
      xml = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    for (Map.Entry<String, String> e : keys.entrySet()) {
      xml = xml.replace("@" + e.getKey() + "@", e.getValue());
    }
    if (xml.matches("(?s).*@[A-Z]+@.*")) {
      throw new IllegalArgumentException("unfilled placeholder in " + scenario + ": " + keys);
    }
    Path file = dir.resolve(name + ".xml");
    Files.writeString(file, xml, StandardCharsets.ISO_8859_1);
    Path stats = dir.resolve(name + "-stats.csv");
    List<String> cmd = new ArrayList<>(List.of("sipp", "-sf", file.toString(), "-nostdin", "-i", "127.0.0.1",
        "-trace_err", "-error_file", dir.resolve(name + "-errors.log").toString(),
        "-trace_stat", "-stf", stats.toString(), "-fd", "1", "-trace_counts"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".out").toFile()).start();
    return new SippRun(p, stats, name);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the end; the exit code (0: every call succeeded), or -1 after killing it at the deadline. */
  int await(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      close();
      return -1;
    }
    return process.exitValue();
  }

  /** Successful and failed calls, from the last line of sipp's statistics file. */
  long[] calls() throws IOException {
    List<String> lines = Files.readAllLines(stats, StandardCharsets.ISO_8859_1);
    if (lines.size() < 2) {
      return new long[] {0, 0};
    }
    List<String> head = List.of(lines.get(0).split(";"));
    String[] last = lines.get(lines.size() - 1).split(";");
    return new long[] {Long.parseLong(last[head.indexOf("SuccessfulCall(C)")]),
        Long.parseLong(last[head.indexOf("FailedCall(C)")])};
  }

  /**
   * How many {@code status} responses the scenario's optional recv of that status took in, from
   * sipp's per-message counts ({@code -trace_counts}: {@code <name>_<pid>_counts.csv}, a column
   * {@code <index>_<status>_Recv}); 0 when the scenario has none or nothing came.
   */
  long received(int status) throws IOException {
    Path counts = stats.resolveSibling(name + "_" + process.pid() + "_counts.csv");
    if (!Files.exists(counts)) {
      return 0;
    }
    List<String> lines = Files.readAllLines(counts, StandardCharsets.ISO_8859_1);
    if (lines.size() < 2) {
      return 0;
    }
    String[] head = lines.get(0).split(";");
    String[] last = lines.get(lines.size() - 1).split(";");
    long n = 0;
    for (int i = 0; i < head.length && i < last.length; i++) {
      if (head[i].endsWith("_" + status + "_Recv")) {
        n += Long.parseLong(last[i].strip());
      }
    }
    return n;
  }

  /**
   * The mean time from INVITE to 200 over the whole run, in ms: sipp's cumulative response time
   * of the scenario's {@code rtd="true"} message (the customers' 200), "HH:MM:SS:micros".
   */
  double meanAnswerMs() throws IOException {
    List<String> lines = Files.readAllLines(stats, StandardCharsets.ISO_8859_1);
    if (lines.size() < 2) {
      return Double.NaN;
    }
    List<String> head = List.of(lines.get(0).split(";"));
    String[] t = lines.get(lines.size() - 1).split(";")[head.indexOf("ResponseTime1(C)")].split(":");
    return ((Long.parseLong(t[0]) * 60 + Long.parseLong(t[1])) * 60 + Long.parseLong(t[2])) * 1000.0
        + Long.parseLong(t[3]) / 1000.0;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "sipp " + name;
  }
}

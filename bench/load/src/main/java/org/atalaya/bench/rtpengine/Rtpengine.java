package org.atalaya.bench.rtpengine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * rtpengine as a child process, in user space, on loopback.
 *
 * <p>The flags and why:
 *
 * <ul>
 *   <li>{@code --config-file=none}: the Debian package ships /etc/rtpengine/rtpengine.conf, which
 *       rtpengine reads by default; it would add {@code table = 0} (the kernel module), a CLI and
 *       an HTTP listener on fixed ports, {@code interface = any}, a TOS, and a recording method.
 *       The bench wants nothing but what is on this command line.
 *   <li>{@code --table=-1}: no kernel forwarding table, every packet goes through the daemon's
 *       threads (the kernel module is what rtpengine's throughput figures usually mean; this is the
 *       like-for-like comparison with a user-space relay). No {@code --no-fallback}: that flag
 *       asks to refuse starting without the kernel module, which is the opposite of this setup.
 *   <li>{@code --log-level=4} (warnings): rtpengine logs each offer, answer and delete at info,
 *       thousands of lines per level of the bench, written by the threads we measure.
 *   <li>{@code --delete-delay=0}: a deleted call is freed at once (the default keeps it 30 s),
 *       so the next level starts from a daemon holding no calls and no ports.
 *   <li>{@code --port-min/--port-max}: each call takes two ports (RTP and RTCP) per side; the
 *       caller's range should hold 4 per call and lie outside the ephemeral range (32768-60999 on
 *       Linux), where the peers' own sockets are bound.
 * </ul>
 */
public final class Rtpengine implements AutoCloseable {
  private final Process process;
  private final int ngPort;
  private final Path log;

  private Rtpengine(Process process, int ngPort, Path log) {
    this.process = process;
    this.ngPort = ngPort;
    this.log = log;
  }

  /**
   * Starts {@code rtpengine} and waits until its ng port answers a ping.
   *
   * @param workDir where its stderr goes ({@code rtpengine.log})
   * @param ngPort the UDP control port on 127.0.0.1
   * @param portMin lowest media port
   * @param portMax highest media port
   * @param threads worker threads ({@code --num-threads})
   */
  public static Rtpengine start(Path workDir, int ngPort, int portMin, int portMax, int threads)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path log = workDir.resolve("rtpengine.log");
    List<String> cmd = new ArrayList<>(List.of(
        "rtpengine",
        "--config-file=none",
        "--foreground",
        "--log-stderr",
        "--log-level=4",
        "--interface=127.0.0.1",
        "--listen-ng=127.0.0.1:" + ngPort,
        "--table=-1",
        "--port-min=" + portMin,
        "--port-max=" + portMax,
        "--num-threads=" + threads,
        "--delete-delay=0"));
    Process p = new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    Rtpengine r = new Rtpengine(p, ngPort, log);
    try (NgClient ng = new NgClient(ngPort, Duration.ofMillis(200))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      IOException last = null;
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IOException("rtpengine exited with " + p.exitValue() + " at startup: " + r.logTail());
        }
        try {
          ng.ping();
          return r;
        } catch (IOException e) {
          last = e;
          Thread.sleep(50);
        }
      }
      r.close();
      throw new IOException("rtpengine did not answer ping on " + ngPort + " (" + last + "): " + r.logTail());
    } catch (IOException | InterruptedException | RuntimeException e) {
      r.close();
      throw e;
    }
  }

  /** The daemon's process id. */
  public long pid() {
    return process.pid();
  }

  /** Its ng control port on 127.0.0.1. */
  public int ngPort() {
    return ngPort;
  }

  /** Where its log goes. */
  public Path log() {
    return log;
  }

  /** The last lines of its log, for error messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGTERM, five seconds to exit, then SIGKILL. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

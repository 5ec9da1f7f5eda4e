package org.atalaya.app.e2e;

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
 * Runs the real sipp (Debian sip-tester) as a peer: a scenario from src/test/resources/sipp with
 * its @KEY@ placeholders filled in, in a work directory whose logs the failure message shows.
 */
final class Sipp implements AutoCloseable {
  private final Process process;
  private final Path workDir;
  private final String name;

  private Sipp(Process process, Path workDir, String name) {
    this.process = process;
    this.workDir = workDir;
    this.name = name;
  }

  /** Starts sipp with the rendered scenario and the given extra arguments. */
  static Sipp start(Path workDir, String scenario, Map<String, String> keys, String... args) throws IOException {
    Files.createDirectories(workDir);
    String xml;
    try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + scenario + ".xml")) {
      xml = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    for (Map.Entry<String, String> e : keys.entrySet()) {
      xml = xml.replace("@" + e.getKey() + "@", e.getValue());
    }
    if (xml.matches("(?s).*@[A-Z]+@.*")) {
      throw new IllegalArgumentException("unfilled placeholder in " + scenario + ": " + keys);
    }
    Path file = workDir.resolve(scenario + ".xml");
    Files.writeString(file, xml, StandardCharsets.ISO_8859_1);
    List<String> cmd = new ArrayList<>(List.of("sipp", "-sf", file.toString(), "-trace_err", "-nostdin", "-i", "127.0.0.1"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve(scenario + ".out").toFile())
        .start();
    return new Sipp(p, workDir, scenario);
  }

  /** Waits for sipp to end; returns its exit code (0: every call succeeded). */
  int await(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
      return -1;
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Everything sipp wrote, for assertion messages. */
  String logs() {
    StringBuilder sb = new StringBuilder("--- sipp " + name + " in " + workDir + "\n");
    try (var files = Files.list(workDir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(name)
          && (f.toString().endsWith(".out") || f.toString().endsWith("errors.log") || f.toString().endsWith("messages.log"))).toList()) {
        String text = Files.readString(f, StandardCharsets.ISO_8859_1);
        sb.append("--- ").append(f.getFileName()).append('\n')
            .append(text.length() > 6000 ? text.substring(text.length() - 6000) : text).append('\n');
      }
    } catch (IOException e) {
      sb.append("(cannot read logs: ").append(e).append(")");
    }
    return sb.toString();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

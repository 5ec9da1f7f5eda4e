package org.atalaya.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Atalaya as operators run it: the runnable jar in a process of its own (so its CPU and memory
 * are its own), the launcher's JVM flags, recordings encrypted into the data directory, an
 * embedded H2 database on file, logs at INFO. Only the addresses are pinned to loopback.
 */
final class AtalayaUnderTest implements AutoCloseable {
  static final String ADMIN = "bench-admin";

  final int sipPort;
  final int webPort;
  final int mediaMin;
  final int mediaMax;
  final Path dataDir;
  final String adminPassword;
  private final Process process;

  private AtalayaUnderTest(Process process, int sipPort, int webPort, int mediaMin, int mediaMax, Path dataDir,
      String adminPassword) {
    this.process = process;
    this.sipPort = sipPort;
    this.webPort = webPort;
    this.mediaMin = mediaMin;
    this.mediaMax = mediaMax;
    this.dataDir = dataDir;
    this.adminPassword = adminPassword;
  }

  static AtalayaUnderTest start(Path jar, Path work, String java) throws IOException, InterruptedException {
    Files.createDirectories(work);
    int sipPort = 5090;
    int webPort = 8090;
    int mediaMin = 20000;
    int mediaMax = 29999;
    Path data = work.resolve("data");
    Path config = work.resolve("atalaya.properties");
    Files.writeString(config, String.join("\n",
        "data.dir=" + data,
        "sip.bind=127.0.0.1", "sip.advertised=127.0.0.1", "sip.port=" + sipPort,
        "media.bind=127.0.0.1", "media.advertised=127.0.0.1",
        "media.port-min=" + mediaMin, "media.port-max=" + mediaMax,
        "web.port=" + webPort,
        // a caller must never wait out the queue because the agents' sipp lagged
        "queue.max-wait-seconds=300", ""));
    String password = "bench-" + Long.toHexString(System.nanoTime());
    Process add = new ProcessBuilder(java, "-jar", jar.toString(), "user", "add", "--config", config.toString(),
        "--login", ADMIN, "--role", "admin", "--password", password)
        .redirectErrorStream(true).redirectOutput(work.resolve("user-add.log").toFile()).start();
    if (add.waitFor() != 0) {
      throw new IOException("atalaya user add failed: " + Files.readString(work.resolve("user-add.log")));
    }
    // The launcher's flags, plus a GC log to tell pauses and allocation stalls from the relay's own delays.
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseZGC", "-XX:AutoBoxCacheMax=65535", "-Xlog:gc*:file=" + work.resolve("gc.log")));
    String extra = System.getenv("ATALAYA_BENCH_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(List.of(extra.trim().split("\\s+")));
    }
    cmd.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(work.resolve("atalaya.log").toFile()).start();
    AtalayaUnderTest a = new AtalayaUnderTest(p, sipPort, webPort, mediaMin, mediaMax, data, password);
    a.awaitUp(work.resolve("atalaya.log"));
    return a;
  }

  private void awaitUp(Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("Atalaya exited at start:\n" + Files.readString(log));
      }
      try {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/api/v1/session")).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(250);
      }
    }
    throw new IOException("Atalaya did not open its web port within 120 s");
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}

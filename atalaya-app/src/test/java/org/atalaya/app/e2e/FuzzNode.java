package org.atalaya.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.atalaya.app.Main;

/**
 * The node under fuzz: {@code atalaya run} in a JVM of its own (so a crash, its threads, file
 * descriptors and heap are its own and measurable from outside), with the launcher's GC flags,
 * a 1 GiB heap and full stack traces, SIP and media on loopback, and routing that keeps fuzzed calls away from the
 * agents of the real calls: number 5000 reaches only the canary agent, 5001 only the victim
 * agent, and anything else (the fuzzer dials 7777) lands in a default queue nobody serves.
 */
final class FuzzNode implements AutoCloseable {
  static final String ADMIN = "fuzz-admin";
  static final String CANARY_AGENT = "1001";
  static final String VICTIM_AGENT = "1002";
  static final String CANARY_NUMBER = "5000";
  static final String VICTIM_NUMBER = "5001";
  /** A media range no other test of the project uses, so a parallel suite cannot take its ports. */
  static final int MEDIA_MIN = 63000;
  static final int MEDIA_MAX = 63998;
  private static final ObjectMapper JSON = new ObjectMapper();

  final Process process;
  final Path log;
  final int sipPort;
  final int webPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String authorization;

  private FuzzNode(Process process, Path log, int sipPort, int webPort, String basic) {
    this.process = process;
    this.log = log;
    this.sipPort = sipPort;
    this.webPort = webPort;
    this.authorization = basic;
  }

  static FuzzNode start(Path dir) throws Exception {
    if (Files.exists(dir.resolve("data"))) {
      // A campaign measures a fresh node: calls, leaks and log lines of an earlier run would mix in.
      throw new IllegalArgumentException(dir + " holds an earlier node's data: give the campaign another --out");
    }
    Files.createDirectories(dir);
    int sipPort = NodeHarness.freePort();
    int webPort = NodeHarness.freePort();
    Path config = dir.resolve("atalaya.properties");
    Files.writeString(config, String.join("\n",
        "data.dir=" + dir.resolve("data"),
        "sip.bind=127.0.0.1", "sip.port=" + sipPort, "sip.advertised=127.0.0.1",
        // The sipp peers (127.0.0.1) and the fuzzer's trusted source call in freely; every other
        // loopback address the fuzzer sends from is challenged, as the internet would be.
        "sip.trusted-networks=127.0.0.1/32," + SipFuzzer.TRUSTED_HOST + "/32",
        "media.bind=127.0.0.1", "media.advertised=127.0.0.1",
        "media.port-min=" + MEDIA_MIN, "media.port-max=" + MEDIA_MAX,
        "web.port=" + webPort, "queue.ring-timeout-seconds=5", "queue.max-wait-seconds=20", "") );
    String password = "fuzz-" + Long.toHexString(System.nanoTime());
    check(Main.execute("user", "add", "-c", config.toString(), "--login", ADMIN, "--role", "admin", "--password", password),
        "user add");
    for (String ext : List.of(CANARY_AGENT, VICTIM_AGENT, SipCorpus.FUZZ_ACCOUNT)) {
      check(Main.execute("agent", "add", "-c", config.toString(), "--ext", ext, "--password", password(ext)), "agent add");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    // The launcher's flags; a 1 GiB heap so that memory trouble shows; every exception with its
    // frames (HotSpot drops them from one thrown often), so that each finding says where it is.
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseZGC", "-XX:AutoBoxCacheMax=65535", "-Xmx1g",
        "-XX:-OmitStackTraceInFastThrow",
        "-cp", System.getProperty("java.class.path"), "org.atalaya.app.Main", "run", "-c", config.toString()));
    Path log = dir.resolve("node.log");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String basic = "Basic " + Base64.getEncoder().encodeToString((ADMIN + ":" + password).getBytes(StandardCharsets.UTF_8));
    FuzzNode node = new FuzzNode(p, log, sipPort, webPort, basic);
    try {
      node.awaitUp();
      node.authorization = "Bearer " + node.post("/api/v1/tokens", "{\"name\":\"fuzz\"}").path("secret").asText();
      node.put("/api/v1/routing", """
          {"queues": [
            {"name": "canary", "skills": {"canary": 1}},
            {"name": "victim", "skills": {"victim": 1}},
            {"name": "default", "skills": {"nobody": 1}}],
           "agents": {"%s": {"canary": 1}, "%s": {"victim": 1}}}""".formatted(CANARY_AGENT, VICTIM_AGENT));
      for (String[] flow : new String[][] {{"canary", CANARY_NUMBER}, {"victim", VICTIM_NUMBER}}) {
        node.put("/api/v1/ivr/flows/" + flow[0], "{\"id\": \"" + flow[0] + "\", \"numbers\": [\"" + flow[1]
            + "\"], \"start\": \"q\", \"steps\": {\"q\": {\"type\": \"queue\", \"queue\": \"" + flow[0] + "\"}}}");
      }
    } catch (Exception | Error e) {
      node.close();
      throw e;
    }
    return node;
  }

  static String password(String extension) {
    return "fuzz-pass-" + extension;
  }

  InetSocketAddress sipAddress() {
    return new InetSocketAddress("127.0.0.1", sipPort);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Calls up now, in any state, as the API lists them. */
  int liveCalls() throws IOException, InterruptedException {
    JsonNode active = get("/api/v1/calls/active");
    return (active.isArray() ? active : active.path("items")).size();
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = send(request(path).GET().build());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + ": " + r.statusCode());
    }
    return JSON.readTree(r.body());
  }

  byte[] bytes(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = send(request(path).GET().build());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + ": " + r.statusCode());
    }
    return r.body();
  }

  private JsonNode post(String path, String body) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    if (r.statusCode() / 100 != 2) {
      throw new IOException("POST " + path + ": " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
    }
    return JSON.readTree(r.body());
  }

  private void put(String path, String body) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    if (r.statusCode() / 100 != 2) {
      throw new IOException("PUT " + path + ": " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", authorization);
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private void awaitUp() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the node exited at start:\n" + Files.readString(log));
      }
      try {
        if (send(request("/api/v1/recordings").GET().build()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IOException("the node did not answer within 120 s:\n" + Files.readString(log));
  }

  private static void check(int exit, String what) {
    if (exit != 0) {
      throw new IllegalStateException("atalaya " + what + " exited " + exit);
    }
  }

  /** Stops the node as an operator would (SIGTERM), forcibly if it takes over 30 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

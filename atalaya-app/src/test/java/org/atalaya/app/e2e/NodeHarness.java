package org.atalaya.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.atalaya.app.Node;
import org.atalaya.app.config.AtalayaConfig;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.core.users.Role;

/** A real Atalaya node on loopback for end-to-end tests, with helpers to reach its API. */
final class NodeHarness implements AutoCloseable {
  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "admin-secret-1";

  /**
   * The one clock the node and the test share: a test asks "what happened today" with this
   * clock's date, never with one read from the machine apart from the node.
   */
  final Clock clock;
  final Node node;
  final int sipPort;
  final Path dataDir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private NodeHarness(Clock clock, Node node, int sipPort, Path dataDir) {
    this.clock = clock;
    this.node = node;
    this.sipPort = sipPort;
    this.dataDir = dataDir;
  }

  static NodeHarness start(Path dataDir, int mediaPortBase, int ringTimeoutSeconds, int maxWaitSeconds) throws Exception {
    return start(dataDir, mediaPortBase, ringTimeoutSeconds, maxWaitSeconds, c -> c);
  }

  /** As above, with {@code tune} changing the configuration (e.g. a short media timeout). */
  static NodeHarness start(Path dataDir, int mediaPortBase, int ringTimeoutSeconds, int maxWaitSeconds,
      java.util.function.UnaryOperator<AtalayaConfig> tune) throws Exception {
    int sipPort = freePort();
    AtalayaConfig config = tune.apply(new AtalayaConfig(dataDir, "", "sa", "", "127.0.0.1", sipPort, "127.0.0.1",
        "atalaya", List.of("127.0.0.0/8"), 3600, "127.0.0.1", "127.0.0.1", mediaPortBase, mediaPortBase + 998, 1, 0,
        "default", ringTimeoutSeconds, maxWaitSeconds, "es", Tenants.DEFAULT, false, 1, false));
    // Real calls need time that moves (ring timers, media timeouts): the wiring's clock, injected.
    Clock clock = Clock.systemUTC();
    Node node = Node.start(config, clock);
    node.userAccounts().add(Tenants.DEFAULT, ADMIN, ADMIN_PASSWORD, Role.ADMIN, null);
    return new NodeHarness(clock, node, sipPort, dataDir);
  }

  void addAgent(String extension, String password) throws Exception {
    node.agentAccounts().add(Tenants.DEFAULT, extension, password, "Agent " + extension);
  }

  /**
   * Adds agent {@code extension}, registers its phone from a free port with sipp and waits until
   * the ACD has it; returns the port, where the test's agent sipp then answers.
   */
  int addRegisteredAgent(Path workDir, String extension, String password) throws Exception {
    int before = node.acd().registeredAgents();
    addAgent(extension, password);
    int port = freePort();
    register(workDir, port, extension, password);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .until(() -> node.acd().registeredAgents() == before + 1);
    return port;
  }

  /** Registers {@code extension}'s phone with a sipp REGISTER from {@code port}. */
  void register(Path workDir, int port, String extension, String password) throws Exception {
    try (Sipp reg = Sipp.start(workDir, "agent-register", java.util.Map.of("USER", extension, "PASSWORD", password),
        "127.0.0.1:" + sipPort, "-p", "" + port, "-m", "1", "-timeout", "10")) {
      if (reg.await(15) != 0) {
        throw new AssertionError("registration of " + extension + " failed: " + reg.logs());
      }
    }
  }

  /** Ports handed out in this JVM, guarded by the class. */
  private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

  /**
   * A port free for both UDP and TCP right now, and not within 3 of one handed out before: a
   * port is only free until someone binds it, and sipp given {@code -mp P} binds P to P+3 (audio
   * and video, RTP and RTCP) when it starts, so a later caller must not get one of those.
   */
  static synchronized int freePort() throws IOException {
    for (int i = 0; i < 200; i++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = tcp.getLocalPort();
        if (HANDED_OUT.stream().anyMatch(given -> Math.abs(given - port) <= 3)) {
          continue;
        }
        try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
          HANDED_OUT.add(port);
          return port;
        } catch (IOException busy) {
          // try another
        }
      }
    }
    throw new IOException("no free port");
  }

  HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    String auth = Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.webPort() + path))
        .header("Authorization", "Basic " + auth)
        .GET()
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A request as any user: {@code method} GET, PUT or POST with a JSON body (or null). */
  HttpResponse<String> send(String method, String path, String body, String user, String password)
      throws IOException, InterruptedException {
    String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.webPort() + path))
        .header("Authorization", "Basic " + auth)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** PUTs a JSON document as the admin; fails unless the answer is 2xx. */
  void put(String path, String body) throws IOException, InterruptedException {
    String auth = Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.webPort() + path))
        .header("Authorization", "Basic " + auth)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new AssertionError("PUT " + path + " -> " + response.statusCode() + ": " + response.body());
    }
  }

  JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = get(path);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " -> " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
    }
    return json.readTree(response.body());
  }

  /** The items of a paged list endpoint. */
  JsonNode items(String path) throws IOException, InterruptedException {
    return getJson(path).get("items");
  }

  /** The newest call record, as the API lists it. */
  JsonNode lastCall() throws IOException, InterruptedException {
    JsonNode calls = items("/api/v1/calls?limit=1");
    org.assertj.core.api.Assertions.assertThat(calls.size()).isEqualTo(1);
    return calls.get(0);
  }

  /** Waits up to 10 s for the node to hold no live call, open RTP endpoint or SIP leg. */
  void awaitNothingLeft() {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
      org.assertj.core.api.Assertions.assertThat(node.calls().liveCalls()).as("live calls").isZero();
      org.assertj.core.api.Assertions.assertThat(node.media().openEndpoints()).as("open RTP endpoints").isZero();
      org.assertj.core.api.Assertions.assertThat(node.sip().activeLegs()).as("SIP legs").isZero();
    });
  }

  @Override
  public void close() {
    node.close();
  }
}

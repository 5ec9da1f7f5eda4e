package org.atalaya.web.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.atalaya.core.sla.SlaAlert;
import org.atalaya.core.sla.SlaComparator;
import org.atalaya.core.sla.SlaDefinition;
import org.atalaya.core.sla.SlaMetric;
import org.atalaya.core.sla.SlaPeriod;
import org.atalaya.core.sla.WebhookConfig;
import org.atalaya.core.sla.WebhookDelivery;
import org.atalaya.store.Database;
import org.atalaya.store.sla.JdbiSlaRepository;
import org.atalaya.web.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Breach webhooks against a real HTTP server on loopback: the receiver checks the signature the
 * way docs/KPIS.md tells integrators to, answers 500 once and then 204; a dead URL is tried three
 * times. Every attempt is stored.
 */
class WebhookSenderTest {
  /** A fixed clock just after the breach's hour: delivery times never come from the machine. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:05Z"), java.time.ZoneOffset.UTC);
  static final String SECRET = "un-secreto-largo-de-prueba";
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final List<String> signatures = new CopyOnWriteArrayList<>();
  final AtomicInteger hits = new AtomicInteger();
  HttpServer receiver;
  Database db;
  JdbiSlaRepository repo;
  ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  ExecutorService worker = Executors.newVirtualThreadPerTaskExecutor();
  WebhookSender sender;

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hook", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      bodies.add(new String(body, StandardCharsets.UTF_8));
      signatures.add(ex.getRequestHeaders().getFirst("X-Atalaya-Signature"));
      ex.sendResponseHeaders(hits.incrementAndGet() == 1 ? 500 : 204, -1);
      ex.close();
    });
    receiver.start();
    db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    repo = new JdbiSlaRepository(db.jdbi());
    sender = new WebhookSender(repo, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), scheduler,
        worker, CLOCK, Json.mapper(), Duration.ofMillis(20), 3);
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    scheduler.shutdownNow();
    worker.shutdownNow();
    db.close();
  }

  static SlaAlert breach(SlaAlert.Kind kind) {
    SlaDefinition d = new SlaDefinition("sl-80-20", "Nivel de servicio 80/20", SlaMetric.SERVICE_LEVEL,
        SlaComparator.AT_LEAST, 80, 20, "ventas", SlaPeriod.HOUR, ZoneId.of("Europe/Madrid"), 10);
    Instant t = Instant.parse("2026-11-23T09:00:00Z");
    return new SlaAlert("b-1", "default", kind, d, t, t.plusSeconds(3600), 62.5, 16, t.plusSeconds(3605));
  }

  /** What a receiver computes, written apart from the sender's own code. */
  static String expectedSignature(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aBreachIsPostedSignedAndRetriedAfterA500() throws Exception {
    URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    repo.saveWebhook("default", new WebhookConfig(List.of(url), SECRET), "admin", CLOCK.instant());
    sender.accept(breach(SlaAlert.Kind.AT_RISK));
    sender.accept(breach(SlaAlert.Kind.BREACH));
    await().atMost(Duration.ofSeconds(10)).until(() -> repo.deliveries("default", 10).size() == 2);

    assertThat(bodies).as("the warning is not sent; the breach twice, the same bytes").hasSize(2);
    assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
    JsonNode json = new ObjectMapper().readTree(bodies.get(0));
    assertThat(json.get("event").asText()).isEqualTo("sla.breach");
    assertThat(json.get("id").asText()).isEqualTo("b-1");
    assertThat(json.get("actual").asDouble()).isEqualTo(62.5);
    assertThat(json.get("calls").asInt()).isEqualTo(16);
    assertThat(json.get("periodStart").asText()).isEqualTo("2026-11-23T09:00:00Z");
    assertThat(json.get("definition").get("metric").asText()).isEqualTo("serviceLevel");
    assertThat(json.get("definition").get("comparator").asText()).isEqualTo("at-least");
    assertThat(json.get("definition").get("zone").asText()).isEqualTo("Europe/Madrid");
    assertThat(json.get("definition").get("name").asText()).isEqualTo("Nivel de servicio 80/20");
    assertThat(signatures).containsOnly(expectedSignature(bodies.get(0)));

    List<WebhookDelivery> d = repo.deliveries("default", 10);
    assertThat(d.get(1).attempt()).isEqualTo(1);
    assertThat(d.get(1).status()).isEqualTo(500);
    assertThat(d.get(1).delivered()).isFalse();
    assertThat(d.get(1).error()).isEqualTo("HTTP 500");
    assertThat(d.get(0).attempt()).isEqualTo(2);
    assertThat(d.get(0).status()).isEqualTo(204);
    assertThat(d.get(0).delivered()).isTrue();
    assertThat(d).allSatisfy(x -> assertThat(x.breachId()).isEqualTo("b-1"));
  }

  @Test
  void anUnreachableUrlIsTriedThreeTimesAndEachFailureKept() throws Exception {
    int dead;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = s.getLocalPort();
    }
    repo.saveWebhook("default", new WebhookConfig(List.of(URI.create("http://127.0.0.1:" + dead + "/gone")), SECRET),
        "admin", CLOCK.instant());
    sender.accept(breach(SlaAlert.Kind.BREACH));
    await().atMost(Duration.ofSeconds(10)).until(() -> repo.deliveries("default", 10).size() == 3);
    Thread.sleep(200);
    List<WebhookDelivery> d = repo.deliveries("default", 10);
    assertThat(d).as("no fourth try").hasSize(3);
    assertThat(d).extracting(WebhookDelivery::attempt).containsExactly(3, 2, 1);
    assertThat(d).allSatisfy(x -> {
      assertThat(x.delivered()).isFalse();
      assertThat(x.status()).isNull();
      assertThat(x.error()).contains("ConnectException");
    });
    assertThat(repo.deliveries("acme", 10)).isEmpty();
  }
}

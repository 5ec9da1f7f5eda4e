package org.atalaya.web.sla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.atalaya.core.sla.SlaAlert;
import org.atalaya.core.sla.SlaDefinition;
import org.atalaya.core.sla.SlaRepository;
import org.atalaya.core.sla.WebhookConfig;
import org.atalaya.core.sla.WebhookDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each SLA breach to the tenant's webhook URLs as JSON, signed with
 * {@code X-Atalaya-Signature: sha256=<hex HMAC-SHA256 of the body with the tenant's secret>}.
 * A non-2xx answer, a timeout or a refused connection is tried again after a backoff that
 * quadruples; every attempt is stored so admins can see what failed.
 *
 * <p>Threading: {@link #accept} (the monitor's thread) only schedules; each attempt runs on the
 * worker executor (virtual threads: a slow receiver holds nothing else up) and each wait between
 * attempts on the scheduler, which is never blocked.
 */
public final class WebhookSender implements Consumer<SlaAlert> {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
  public static final String SIGNATURE_HEADER = "X-Atalaya-Signature";
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** The JSON body: the breach and the definition as it was judged. */
  public record Payload(String event, String id, String tenantId, SlaDefinition definition, Instant periodStart,
      Instant periodEnd, double actual, int calls, Instant detectedAt) {}

  private final SlaRepository repository;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final Executor worker;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final Duration firstBackoff;
  private final int attempts;

  /**
   * @param firstBackoff the wait before the second attempt; each later wait is four times longer
   * @param attempts how many tries in all (3: now, after {@code firstBackoff}, after four times it)
   */
  public WebhookSender(SlaRepository repository, HttpClient http, ScheduledExecutorService scheduler, Executor worker,
      Clock clock, ObjectMapper mapper, Duration firstBackoff, int attempts) {
    this.repository = repository;
    this.http = http;
    this.scheduler = scheduler;
    this.worker = worker;
    this.clock = clock;
    this.mapper = mapper;
    this.firstBackoff = firstBackoff;
    this.attempts = attempts;
  }

  @Override
  public void accept(SlaAlert alert) {
    if (alert.kind() != SlaAlert.Kind.BREACH) {
      return;
    }
    WebhookConfig config = repository.webhook(alert.tenantId()).orElse(null);
    if (config == null || config.urls().isEmpty()) {
      return;
    }
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(new Payload("sla.breach", alert.id(), alert.tenantId(), alert.definition(),
          alert.periodStart(), alert.periodEnd(), alert.actual(), alert.calls(), alert.detectedAt()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an SLA breach always serializes", e);
    }
    String signature = "sha256=" + hmacSha256Hex(config.secret(), body);
    for (URI url : config.urls()) {
      worker.execute(() -> attempt(alert, url, body, signature, 1));
    }
  }

  /** The hex HMAC-SHA256 of {@code body} keyed with the UTF-8 bytes of {@code secret}. */
  public static String hmacSha256Hex(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  private void attempt(SlaAlert alert, URI url, byte[] body, String signature, int n) {
    Integer status = null;
    String error;
    try {
      HttpResponse<Void> res = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
          .header("Content-Type", "application/json").header(SIGNATURE_HEADER, signature)
          .header("X-Atalaya-Event", "sla.breach").header("X-Atalaya-Delivery", alert.id())
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
      status = res.statusCode();
      error = status >= 200 && status < 300 ? null : "HTTP " + status;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    boolean delivered = error == null;
    try {
      repository.saveDelivery(new WebhookDelivery(UUID.randomUUID().toString(), alert.tenantId(), alert.id(),
          url.toString(), n, clock.instant(), status, error, delivered));
    } catch (RuntimeException e) {
      LOG.warn("could not store the delivery attempt of breach {} to {}", alert.id(), url, e);
    }
    if (!delivered && n < attempts) {
      long wait = firstBackoff.toMillis() << (2 * (n - 1));
      scheduler.schedule(() -> worker.execute(() -> attempt(alert, url, body, signature, n + 1)), wait,
          TimeUnit.MILLISECONDS);
    } else if (!delivered) {
      LOG.warn("SLA breach {} not delivered to {} after {} attempts: {}", alert.id(), url, n, error);
    }
  }
}

package org.atalaya.app;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import org.atalaya.core.calls.CallRecordRepository;
import org.atalaya.core.kpi.KpiReports;
import org.atalaya.core.live.LiveEvent;
import org.atalaya.core.live.LiveEvents;
import org.atalaya.core.routing.AgentActivityRepository;
import org.atalaya.core.sla.SlaEvaluator;
import org.atalaya.core.sla.SlaMonitor;
import org.atalaya.store.Database;
import org.atalaya.store.sla.JdbiSlaRepository;
import org.atalaya.web.Json;
import org.atalaya.web.sla.WebhookSender;

/**
 * The SLA part of a node: definitions and breaches in the database, the monitor ticking every
 * minute, its alerts going to the dashboards' event bus and, for breaches, to the webhooks.
 * Kept out of {@link Node} so that its wiring stays one call.
 */
final class Slas implements AutoCloseable {
  /** Webhook retries: now, after 10 s, after 40 s. */
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
  private static final int ATTEMPTS = 3;

  final JdbiSlaRepository repository;
  final SlaMonitor monitor;
  private final HttpClient http;
  private final ScheduledFuture<?> ticks;

  private Slas(JdbiSlaRepository repository, SlaMonitor monitor, HttpClient http, ScheduledFuture<?> ticks) {
    this.repository = repository;
    this.monitor = monitor;
    this.http = http;
    this.ticks = ticks;
  }

  static Slas start(Database database, CallRecordRepository calls,
      AgentActivityRepository activity, LiveEvents events, ScheduledExecutorService timers,
      ExecutorService workers, Clock clock) {
    JdbiSlaRepository repository = new JdbiSlaRepository(database.jdbi());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    SlaMonitor monitor = new SlaMonitor(repository, new SlaEvaluator(new KpiReports(calls, activity, clock)), clock)
        .onAlert(a -> events.publish(new LiveEvent.SlaAlerted(a.tenantId(), a)))
        .onAlert(new WebhookSender(repository, http, timers, workers, clock, Json.mapper(), FIRST_BACKOFF, ATTEMPTS));
    return new Slas(repository, monitor, http, monitor.start(timers, workers));
  }

  @Override
  public void close() {
    ticks.cancel(false);
    http.shutdownNow();
  }
}

package org.atalaya.core.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.atalaya.core.sla.SlaResult.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every minute, judges each tenant's SLAs: the period that just closed, once (a breach is stored
 * and sent to the listeners), and the period in progress (an AT_RISK warning, once per period,
 * when it is already failing with enough calls).
 *
 * <p>Threading: the scheduler only hands {@link #tick} to the worker executor (the scheduler is
 * shared with call timers and must not wait on the database); a tick still running when the next
 * is due makes that one skip. Listeners are called on the worker thread and must not block long.
 */
public final class SlaMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(SlaMonitor.class);
  /** After the minute turns, so that calls ending exactly at a period's end are stored first. */
  private static final Duration AFTER_THE_MINUTE = Duration.ofSeconds(5);

  private final SlaRepository repository;
  private final SlaEvaluator evaluator;
  private final Clock clock;
  private final List<Consumer<SlaAlert>> listeners = new CopyOnWriteArrayList<>();
  /** tenant/definition → start of the last closed period judged; a restart re-judges one, saveBreach dedups. */
  private final Map<String, Instant> judged = new ConcurrentHashMap<>();
  /** tenant/definition → start of the period in progress already warned about. */
  private final Map<String, Instant> warned = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean();

  public SlaMonitor(SlaRepository repository, SlaEvaluator evaluator, Clock clock) {
    this.repository = Objects.requireNonNull(repository);
    this.evaluator = Objects.requireNonNull(evaluator);
    this.clock = Objects.requireNonNull(clock);
  }

  /** Adds a listener for breaches and warnings (the dashboard's event bus, the webhooks). */
  public SlaMonitor onAlert(Consumer<SlaAlert> listener) {
    listeners.add(Objects.requireNonNull(listener));
    return this;
  }

  /** Ticks every minute, a few seconds after the minute turns; cancel the returned future to stop. */
  public ScheduledFuture<?> start(ScheduledExecutorService scheduler, Executor worker) {
    long msIntoMinute = clock.millis() % 60_000;
    long delay = (60_000 - msIntoMinute + AFTER_THE_MINUTE.toMillis()) % 60_000;
    return scheduler.scheduleAtFixedRate(() -> worker.execute(this::tick), delay, 60_000, TimeUnit.MILLISECONDS);
  }

  /** One round over every tenant's definitions; a failing definition is logged and the rest go on. */
  public void tick() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      Instant now = clock.instant();
      for (String tenant : repository.tenantsWithDefinitions()) {
        for (SlaDefinition d : repository.definitions(tenant)) {
          try {
            check(tenant, d, now);
          } catch (RuntimeException e) {
            LOG.warn("SLA {} of tenant {} could not be judged", d.id(), tenant, e);
          }
        }
      }
    } finally {
      running.set(false);
    }
  }

  private void check(String tenant, SlaDefinition d, Instant now) {
    String key = tenant + "/" + d.id();
    Instant last = evaluator.lastFinalPeriod(d, now);
    if (!last.equals(judged.get(key))) {
      SlaResult r = evaluator.closed(tenant, d, last);
      judged.put(key, last);
      if (r.state() == State.BREACHED) {
        SlaAlert breach = alert(tenant, SlaAlert.Kind.BREACH, d, r, now);
        if (repository.saveBreach(breach)) {
          deliver(breach);
        }
      }
    }
    if (d.metric().settle(d.rules()).isZero()) {
      SlaResult current = evaluator.inProgress(tenant, d, now);
      if (current.state() == State.AT_RISK && !current.periodStart().equals(warned.get(key))) {
        warned.put(key, current.periodStart());
        deliver(alert(tenant, SlaAlert.Kind.AT_RISK, d, current, now));
      }
    }
  }

  private static SlaAlert alert(String tenant, SlaAlert.Kind kind, SlaDefinition d, SlaResult r, Instant now) {
    return new SlaAlert(UUID.randomUUID().toString(), tenant, kind, d, r.periodStart(), r.periodEnd(), r.actual(),
        r.calls(), now);
  }

  private void deliver(SlaAlert alert) {
    for (Consumer<SlaAlert> l : listeners) {
      try {
        l.accept(alert);
      } catch (RuntimeException e) {
        LOG.warn("SLA alert listener failed on {}", alert.id(), e);
      }
    }
  }
}

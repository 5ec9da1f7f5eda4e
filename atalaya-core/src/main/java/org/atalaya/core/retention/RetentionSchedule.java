package org.atalaya.core.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the retention purge once a day at a set hour (UTC), off the timer thread. */
public final class RetentionSchedule {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

  private RetentionSchedule() {}

  /** Schedules the daily purge; returns the delay until the first run. */
  public static Duration start(ScheduledExecutorService timers, Executor work, RetentionService retention, Clock clock,
      int hourUtc) {
    Duration first = untilNext(clock, hourUtc);
    timers.scheduleAtFixedRate(() -> work.execute(() -> {
      try {
        retention.purge(false);
      } catch (RuntimeException e) {
        LOG.error("retention purge failed; it runs again tomorrow", e);
      }
    }), first.toMillis(), Duration.ofDays(1).toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("retention purge daily at {}:00 UTC, first in {}", hourUtc, first);
    return first;
  }

  /** Time from now to the next {@code hourUtc}:00. */
  static Duration untilNext(Clock clock, int hourUtc) {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
    ZonedDateTime next = now.withHour(hourUtc).withMinute(0).withSecond(0).withNano(0);
    if (!next.isAfter(now)) {
      next = next.plusDays(1);
    }
    return Duration.between(now, next);
  }
}

package org.atalaya.core.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.audit.AuditQuery;
import org.atalaya.core.recording.RecordingStore;
import org.atalaya.core.retention.RetentionService.PurgeResult;
import org.atalaya.core.testing.ManualClock;
import org.atalaya.media.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Retention at the calendar's edges. Retention has no time zone by design (docs/RETENTION.md): a
 * day of retention is 24 elapsed hours from the recording's start, and the daily purge runs at an
 * hour of UTC. So Madrid's clock changes move nothing, and a year of 365 days ends on 28 February
 * or 29 February depending on the leap day in between. Clocks are fixed or moved by hand.
 */
class RetentionCalendarEdgesTest {
  private final Recordings repository = new Recordings();
  private final Store store = new Store();

  private RetentionService service(Clock clock) {
    return new RetentionService(repository, store, new Audit(), clock);
  }

  private void recording(String id, String queue, Instant startedAt) {
    repository.live.add(new Held(id, "t1", "call-" + id, "1001", queue, "+34600000001", startedAt, "t1/" + id + ".pcm",
        "sha-" + id));
  }

  @ParameterizedTest(name = "{0} days from {1}: kept up to {2}")
  @CsvSource({
      // Madrid springs forward in the night of 28 March 2027 and falls back in that of 31 October: a day is still 24 h.
      "1, 2027-03-27T12:00:00Z, 2027-03-28T12:00:00Z",
      "1, 2027-10-30T23:30:00Z, 2027-10-31T23:30:00Z",
      // One second to midnight, across a month end and a year end.
      "30, 2027-04-30T23:59:59Z, 2027-05-30T23:59:59Z",
      "1, 2027-12-31T23:59:59Z, 2028-01-01T23:59:59Z",
      "1, 2028-02-28T23:59:59Z, 2028-02-29T23:59:59Z",
      // 365 days from 1 March 2027 end on 29 February 2028, not on 1 March: the leap day is one of them.
      "365, 2027-03-01T00:00:00Z, 2028-02-29T00:00:00Z",
      // One year after 29 February: 365 days end on 28 February 2029, 366 on 1 March.
      "365, 2028-02-29T10:00:00Z, 2029-02-28T10:00:00Z",
      "366, 2028-02-29T10:00:00Z, 2029-03-01T10:00:00Z",
      "31, 2028-01-31T00:00:00Z, 2028-03-02T00:00:00Z"})
  void aRecordingIsKeptForItsDaysToTheMillisecondAndPurgedAfter(int days, Instant startedAt, Instant keptUntil) {
    repository.policy = Map.of("", days);
    recording("r1", null, startedAt);
    ManualClock clock = new ManualClock(keptUntil);

    assertThat(service(clock).purge(false)).as("exactly %d days old", days).isEqualTo(new PurgeResult(0, 0, 0));
    assertThat(store.deleted).isEmpty();

    clock.advance(Duration.ofMillis(1));
    assertThat(service(clock).purge(false)).isEqualTo(new PurgeResult(1, 0, 0));
    assertThat(store.deleted).containsExactly("t1/r1.pcm");
    assertThat(repository.deleted).containsExactly("r1");
  }

  @ParameterizedTest(name = "clock in {0}")
  @CsvSource({"Europe/Madrid", "America/Bogota", "UTC"})
  void aDayIsTwentyFourHoursWhateverTheZoneOfTheClock(ZoneId zone) {
    // Noon UTC on 28 March 2027, Madrid's 23-hour day. A day counted on Madrid's wall clock would
    // reach back to 13:00 UTC the day before, and purge the recording of 23 h 30 min ago too.
    repository.policy = Map.of("", 1);
    recording("older", null, Instant.parse("2027-03-27T11:30:00Z"));
    recording("newer", null, Instant.parse("2027-03-27T12:30:00Z"));

    PurgeResult r = service(Clock.fixed(Instant.parse("2027-03-28T12:00:00Z"), zone)).purge(false);

    assertThat(r).isEqualTo(new PurgeResult(1, 0, 0));
    assertThat(repository.deleted).containsExactly("older");
  }

  @Test
  void aQueuesShorterRetentionEndsAtItsOwnDayAcrossTheMonthEnd() {
    // The tenant keeps 31 days, "sales" 30: on 31 May 2027 at 00:00:00.001 UTC a sales recording of
    // 1 May 00:00 is past its 30 days, a support recording of the same instant is not past 31.
    repository.policy = Map.of("", 31, "sales", 30);
    recording("sales", "sales", Instant.parse("2027-05-01T00:00:00Z"));
    recording("support", "support", Instant.parse("2027-05-01T00:00:00Z"));
    ManualClock clock = new ManualClock(Instant.parse("2027-05-31T00:00:00.001Z"));

    assertThat(service(clock).purge(false)).isEqualTo(new PurgeResult(1, 0, 0));
    assertThat(repository.deleted).containsExactly("sales");

    clock.set(Instant.parse("2027-06-01T00:00:00.001Z"));
    assertThat(service(clock).purge(false)).isEqualTo(new PurgeResult(1, 0, 0));
    assertThat(repository.deleted).containsExactly("sales", "support");
  }

  @ParameterizedTest(name = "{1} (clock in {0}), purge at {2}:00 UTC: in {3}")
  @CsvSource({
      "UTC, 2027-12-31T23:59:59Z, 0, PT1S",
      "UTC, 2027-12-31T02:59:59.999Z, 3, PT0.001S",
      "UTC, 2027-12-31T03:00:00.001Z, 3, PT23H59M59.999S",
      "UTC, 2027-04-30T23:00:00Z, 3, PT4H",
      // From 28 February 2028 the next run is on the 29th, and from the 29th on 1 March.
      "UTC, 2028-02-28T04:00:00Z, 3, PT23H",
      "UTC, 2028-02-29T04:00:00Z, 3, PT23H",
      // The hour is UTC whatever the clock's zone: 03:00 local in Madrid would be 01:00 UTC, 30 minutes away.
      "Europe/Madrid, 2027-03-28T00:30:00Z, 3, PT2H30M",
      "Europe/Madrid, 2027-10-31T00:30:00Z, 3, PT2H30M",
      "Europe/Madrid, 2027-10-30T23:30:00Z, 0, PT30M",
      "America/Bogota, 2027-03-28T00:30:00Z, 3, PT2H30M",
      "America/Bogota, 2028-02-29T23:30:00Z, 3, PT3H30M"})
  void theDailyPurgeRunsAtTheHourOfUtc(ZoneId zone, Instant now, int hour, Duration expected) {
    Clock clock = Clock.fixed(now, zone);
    assertThat(RetentionSchedule.untilNext(clock, hour)).isEqualTo(expected);

    Timers timers = new Timers();
    try {
      assertThat(RetentionSchedule.start(timers, Runnable::run, service(clock), clock, hour)).isEqualTo(expected);
    } finally {
      timers.shutdownNow();
    }
    assertThat(timers.initialDelayMs).isEqualTo(expected.toMillis());
    assertThat(timers.periodMs).as("every 24 h: UTC has no 23- or 25-hour days").isEqualTo(Duration.ofDays(1).toMillis());
  }

  /** Records what the schedule asks for and runs nothing. */
  private static final class Timers extends ScheduledThreadPoolExecutor {
    long initialDelayMs = -1;
    long periodMs = -1;

    Timers() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
      initialDelayMs = unit.toMillis(initialDelay);
      periodMs = unit.toMillis(period);
      return null;
    }
  }

  /** The live recordings of tenant t1, its policy, and what was marked deleted; no holds. */
  private static final class Recordings implements RetentionRepository {
    final List<Held> live = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();
    Map<String, Integer> policy = Map.of();

    @Override
    public Map<String, Integer> retention(String tenantId) {
      return policy;
    }

    @Override
    public void saveRetention(String tenantId, Map<String, Integer> days, String by, Instant at) {
      policy = Map.copyOf(days);
    }

    @Override
    public List<String> tenantsWithRetention() {
      return policy.isEmpty() ? List.of() : List.of("t1");
    }

    @Override
    public List<Held> recordedBefore(String tenantId, Instant before) {
      return live.stream().filter(h -> !deleted.contains(h.recordingId()) && h.startedAt().isBefore(before)).toList();
    }

    @Override
    public List<Held> recordedFrom(String tenantId, String number) {
      return List.of();
    }

    @Override
    public Optional<Held> recording(String tenantId, String recordingId) {
      return live.stream().filter(h -> h.recordingId().equals(recordingId)).findFirst();
    }

    @Override
    public long addHold(LegalHold hold) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<LegalHold> holds(String tenantId, boolean activeOnly) {
      return List.of();
    }

    @Override
    public boolean releaseHold(String tenantId, long id, String by, Instant at) {
      return false;
    }

    @Override
    public void markDeleted(String recordingId, Instant at, String reason) {
      deleted.add(recordingId);
    }

    @Override
    public void saveReceipt(String id, String tenantId, String by, Instant at, String receipt, String sha256) {}

    @Override
    public Optional<String> receipt(String tenantId, String id) {
      return Optional.empty();
    }
  }

  /** Only deletes, which it records. */
  private static final class Store implements RecordingStore {
    final List<String> deleted = new ArrayList<>();

    @Override
    public RecordingSink create(String tenantId, String key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public InputStream open(String key, long offset) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long size(String key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean delete(String key) {
      deleted.add(key);
      return true;
    }
  }

  private static final class Audit implements AuditLog {
    private long seq;

    @Override
    public synchronized long append(AuditEvent event) {
      return ++seq;
    }

    @Override
    public List<StoredAuditEvent> list(String tenantId, int offset, int limit) {
      return List.of();
    }

    @Override
    public List<StoredAuditEvent> search(String tenantId, AuditQuery query, int offset,
        int limit) {
      return List.of();
    }

    @Override
    public List<StoredAuditEvent> forTarget(String tenantId, String target) {
      return List.of();
    }

    @Override
    public Optional<Long> verify() {
      return Optional.empty();
    }

    @Override
    public Optional<Head> head() {
      return Optional.empty();
    }

    @Override
    public Optional<String> hashAt(long seq) {
      return Optional.empty();
    }
  }
}

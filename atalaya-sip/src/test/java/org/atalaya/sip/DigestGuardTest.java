package org.atalaya.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.atalaya.sip.DigestGuard.Event;
import org.atalaya.sip.DigestGuard.Verdict;
import org.junit.jupiter.api.Test;

/** The SIP password-guessing guard, on a hand-moved clock. */
class DigestGuardTest {
  private static final String SCANNER = "203.0.113.66";
  private static final String PHONE = "198.51.100.10";
  private final MovingClock clock = new MovingClock(Instant.parse("2026-11-23T12:00:00Z"));
  private final List<Event> events = new ArrayList<>();
  private final DigestGuard guard = new DigestGuard(DigestGuard.Limits.DEFAULT, clock, events::add);

  @Test
  void tenWrongAnswersInAMinuteBlockTheAddressAndNothingElse() {
    for (int i = 0; i < 9; i++) {
      guard.failed(SCANNER, "100" + i); // a different account each time: only the address adds up
    }
    assertThat(guard.blocked(SCANNER)).isFalse();
    guard.failed(SCANNER, "1009");
    assertThat(guard.blocked(SCANNER)).isTrue();
    assertThat(guard.admit(SCANNER, "1001")).isEqualTo(Verdict.DROP);
    assertThat(guard.admit(PHONE, "1001")).as("another address is not affected").isEqualTo(Verdict.CHECK);
    assertThat(events).singleElement().isInstanceOfSatisfying(Event.SourceBlocked.class, b -> {
      assertThat(b.source()).isEqualTo(SCANNER);
      assertThat(b.lastAccount()).isEqualTo("1009");
      assertThat(b.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    });
    assertThat(guard.status().blockedNow()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    assertThat(guard.blocked(SCANNER)).as("the block is over").isFalse();
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    for (int i = 0; i < 9; i++) {
      guard.failed(SCANNER, "1001-" + i);
    }
    clock.advance(Duration.ofSeconds(61));
    guard.failed(SCANNER, "1001-x");
    assertThat(guard.blocked(SCANNER)).isFalse();
  }

  @Test
  void blocksInARowDoubleUpToAnHour() {
    long[] minutes = {1, 2, 4, 8, 16, 32, 60, 60};
    for (long m : minutes) {
      for (int i = 0; i < 10; i++) {
        guard.failed(SCANNER, "x" + i);
      }
      Event.SourceBlocked b = (Event.SourceBlocked) events.get(events.size() - 1);
      assertThat(Duration.between(clock.instant(), b.until())).isEqualTo(Duration.ofMinutes(m));
      clock.advance(Duration.ofMinutes(m));
    }
    clock.advance(Duration.ofHours(25));
    for (int i = 0; i < 10; i++) {
      guard.failed(SCANNER, "x" + i);
    }
    Event.SourceBlocked fresh = (Event.SourceBlocked) events.get(events.size() - 1);
    assertThat(fresh.inARow()).as("a quiet day starts again").isEqualTo(1);
  }

  @Test
  void anAccountGuessedFromManyAddressesIsCheckedOnlyFromItsKnownOnes() {
    guard.succeeded(PHONE, "1001");
    for (int i = 0; i < 10; i++) {
      guard.failed("203.0.113." + i, "1001"); // one guess per address: no address is blocked
    }
    assertThat(guard.status().blockedNow()).isZero();
    assertThat(events).singleElement().isInstanceOf(Event.AccountProtected.class);
    assertThat(guard.admit("203.0.113.200", "1001")).isEqualTo(Verdict.REFUSE);
    assertThat(guard.admit(PHONE, "1001")).as("the agent's own phone goes on working").isEqualTo(Verdict.CHECK);
    assertThat(guard.admit("203.0.113.200", "1002")).as("other accounts").isEqualTo(Verdict.CHECK);
    clock.advance(Duration.ofMinutes(1));
    assertThat(guard.admit("203.0.113.200", "1001")).isEqualTo(Verdict.CHECK);
  }

  @Test
  void whatAnAttackerChoosesIsBounded() {
    for (int i = 0; i < 30_000; i++) {
      guard.failed("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), "user" + i);
    }
    // Nothing blocked (one guess each), and the guard still answers at once for the newest ones.
    assertThat(guard.status().blockedNow()).isZero();
    assertThat(guard.tracked()).as("the oldest are forgotten").isEqualTo(20_000);
    assertThat(guard.admit("10.0.117.47", "user29999")).isEqualTo(Verdict.CHECK);
  }

  /** A clock the test moves by hand. */
  private static final class MovingClock extends Clock {
    private Instant now;

    MovingClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}

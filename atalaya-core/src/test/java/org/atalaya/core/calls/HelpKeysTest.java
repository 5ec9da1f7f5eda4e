package org.atalaya.core.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HelpKeysTest {
  private Instant now = Instant.parse("2026-11-23T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void starThenZeroWithinThreeSecondsAsksForHelpOnce() {
    AtomicInteger asks = new AtomicInteger();
    HelpKeys keys = new HelpKeys(clock, asks::incrementAndGet);
    keys.onDigit('*', 100);
    now = now.plusSeconds(2);
    keys.onDigit('0', 100);
    assertThat(asks).hasValue(1);
    keys.onDigit('0', 100); // a second 0 without its star is just a digit
    assertThat(asks).hasValue(1);
  }

  @Test
  void tooSlowOrAnotherDigitBetweenIsNoHelp() {
    AtomicInteger asks = new AtomicInteger();
    HelpKeys keys = new HelpKeys(clock, asks::incrementAndGet);
    keys.onDigit('*', 100);
    now = now.plus(HelpKeys.WITHIN).plus(Duration.ofMillis(1));
    keys.onDigit('0', 100);
    keys.onDigit('*', 100);
    keys.onDigit('5', 100);
    keys.onDigit('0', 100);
    keys.onDigit('0', 100);
    assertThat(asks).hasValue(0);
  }
}

package org.atalaya.core.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.atalaya.core.calls.CallAdmission.Limits;
import org.atalaya.core.calls.CallAdmission.Reason;
import org.atalaya.core.calls.CallAdmission.Refusal;
import org.atalaya.core.testing.ManualClock;
import org.junit.jupiter.api.Test;

class CallAdmissionTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T10:00:00Z"));

  @Test
  void withoutLimitsEveryCallComesIn() {
    CallAdmission a = new CallAdmission(Limits.NONE, clock);
    for (int i = 0; i < 1000; i++) {
      assertThat(a.check(100_000)).isEmpty();
      a.arrived("c" + i); // never answered: still no refusal, the overload limit is off
      clock.advance(Duration.ofMillis(50));
    }
    assertThat(a.refused()).isZero();
  }

  @Test
  void aCallWaitingLongerThanTheOverloadDelayForItsAnswerRefusesNewCallsUntilItIsAnswered() {
    CallAdmission a = new CallAdmission(new Limits(0, 0, Duration.ofSeconds(2)), clock);
    assertThat(a.check(0)).isEmpty();
    a.arrived("slow");
    clock.advance(Duration.ofMillis(1000));
    assertThat(a.check(1)).as("waited 1 s").isEmpty();
    a.arrived("next");
    a.answered("next");
    clock.advance(Duration.ofMillis(1000));
    assertThat(a.check(1)).as("waited exactly 2 s").isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(a.check(1)).contains(new Refusal(Reason.OVERLOAD, 2));
    assertThat(a.check(1)).as("still overloaded").isPresent();
    a.answered("slow");
    assertThat(a.check(1)).as("caught up").isEmpty();
    assertThat(a.refused()).isEqualTo(2);
  }

  @Test
  void theOldestCallStillWaitingCountsNotTheNewest() {
    CallAdmission a = new CallAdmission(new Limits(0, 0, Duration.ofMillis(500)), clock);
    a.arrived("first");
    clock.advance(Duration.ofMillis(400));
    a.arrived("second");
    clock.advance(Duration.ofMillis(200));
    assertThat(a.check(2)).map(Refusal::reason).contains(Reason.OVERLOAD);
    a.answered("first");
    assertThat(a.check(2)).as("the second has waited 200 ms").isEmpty();
  }

  @Test
  void theRateLimitLetsASecondsWorthThroughThenOneCallPerIntervalAsTheBucketRefills() {
    CallAdmission a = new CallAdmission(new Limits(0, 10, Duration.ZERO), clock);
    for (int i = 0; i < 10; i++) {
      assertThat(a.check(i)).as("burst call %d", i).isEmpty();
    }
    assertThat(a.check(10)).contains(new Refusal(Reason.RATE, 1));
    clock.advance(Duration.ofMillis(99));
    assertThat(a.check(10)).as("0.99 of a token").isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(a.check(10)).as("one token after 100 ms").isEmpty();
    assertThat(a.check(11)).isPresent();
    clock.advance(Duration.ofMillis(60_000));
    int admitted = 0;
    for (int i = 0; i < 50; i++) {
      admitted += a.check(0).isEmpty() ? 1 : 0;
    }
    assertThat(admitted).as("an idle minute refills one second's worth, not more").isEqualTo(10);
  }

  @Test
  void refusedCallsTakeNoToken() {
    CallAdmission a = new CallAdmission(new Limits(2, 1, Duration.ZERO), clock);
    assertThat(a.check(2)).map(Refusal::reason).contains(Reason.CONCURRENT);
    assertThat(a.check(1)).as("the token is still there").isEmpty();
  }

  @Test
  void theConcurrentLimitCountsTheCallsUp() {
    CallAdmission a = new CallAdmission(new Limits(3, 0, Duration.ZERO), clock);
    assertThat(a.check(2)).isEmpty();
    assertThat(a.check(3)).contains(new Refusal(Reason.CONCURRENT, 5));
    assertThat(a.check(2)).as("a call ended").isEmpty();
  }

  @Test
  void theStatusCountsRefusalsByReasonAndKeepsTheLastOnesTime() {
    Limits limits = new Limits(2, 1, Duration.ofSeconds(2));
    CallAdmission a = new CallAdmission(limits, clock);
    CallAdmission.Status fresh = a.status();
    assertThat(fresh.refused()).containsOnlyKeys(Reason.values()).allSatisfy((r, n) -> assertThat(n).isZero());
    assertThat(fresh.lastRefusedAt()).isNull();
    assertThat(fresh.limits()).isEqualTo(limits);

    assertThat(a.check(2)).map(Refusal::reason).contains(Reason.CONCURRENT);
    assertThat(a.check(0)).isEmpty(); // takes the one token
    a.arrived("slow");
    clock.advance(Duration.ofMillis(500));
    assertThat(a.check(1)).map(Refusal::reason).contains(Reason.RATE);
    clock.advance(Duration.ofMillis(1600));
    assertThat(a.check(1)).map(Refusal::reason).contains(Reason.OVERLOAD);
    Instant last = clock.instant();
    clock.advance(Duration.ofSeconds(30));
    a.answered("slow");
    assertThat(a.check(1)).isEmpty();

    CallAdmission.Status s = a.status();
    assertThat(s.refused()).containsEntry(Reason.CONCURRENT, 1L).containsEntry(Reason.RATE, 1L)
        .containsEntry(Reason.OVERLOAD, 1L);
    assertThat(s.refusedTotal()).isEqualTo(3).isEqualTo(a.refused());
    assertThat(s.lastRefusedAt()).as("the last refusal, not the last check").isEqualTo(last);
  }

  @Test
  void onlyTheOverloadLimitNeedsCallsTrackedToTheirAnswer() {
    assertThat(new CallAdmission(new Limits(5, 5, Duration.ZERO), clock).tracksAnswers()).isFalse();
    assertThat(new CallAdmission(new Limits(0, 0, Duration.ofSeconds(2)), clock).tracksAnswers()).isTrue();
  }

  @Test
  void negativeLimitsAreRefused() {
    assertThatThrownBy(() -> new Limits(-1, 0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Limits(0, -1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Limits(0, 0, Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}

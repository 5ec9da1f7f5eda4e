package org.atalaya.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The estimated wait a queued caller is told ({@link WaitEstimator}), driven with a hand-moved clock. */
class AcdWaitEstimateTest {
  private final AcdFixture.MutableClock clock = new AcdFixture.MutableClock();
  private final Acd acd = new Acd(clock);

  @Test
  void noEstimateBeforeTheQueueHasHandledACall() {
    AcdFixture.register(acd, clock, "1001");
    AcdFixture.TestCall talking = waiting();
    acd.answered("1001");
    AcdFixture.TestCall next = waiting();
    assertThat(acd.position(next)).isEqualTo(1);
    assertThat(acd.estimatedWait(next)).as("nothing handled yet: no made-up figure").isEmpty();
    assertThat(acd.estimatedWait(talking)).as("not waiting any more").isEmpty();
  }

  @Test
  void placeTimesHandleTimeSharedAmongTheServingAgents() {
    acd.configure(new QueueConfig("default", Strategy.LONGEST_IDLE, Map.of(), Duration.ofSeconds(20),
        Duration.ofMinutes(30), null, 20));
    AcdFixture.register(acd, clock, "1001");
    handleOneCall("1001", 100); // 100 s talk + 20 s wrap-up: 120 s handle
    AcdFixture.TestCall busy = waiting();
    acd.answered("1001");
    AcdFixture.TestCall first = waiting();
    clock.advance(1);
    AcdFixture.TestCall second = waiting();
    clock.advance(1);
    AcdFixture.TestCall third = waiting();
    assertThat(acd.position(third)).isEqualTo(3);
    assertThat(acd.estimatedWait(first)).contains(Duration.ofSeconds(120));
    assertThat(acd.estimatedWait(third)).contains(Duration.ofSeconds(360));

    AcdFixture.register(acd, clock, "1002");
    AcdFixture.register(acd, clock, "1003"); // two more agents: the second is served at once
    assertThat(second.lastAgent()).isNotNull();
    assertThat(acd.position(third)).as("the first two are offered, out of the queue").isEqualTo(1);
    assertThat(acd.estimatedWait(third)).as("120 s shared by three agents").contains(Duration.ofSeconds(40));
    assertThat(busy.lastAgent()).isEqualTo("1001");
  }

  @Test
  void aNewCallWeighsAQuarterSoOneLongCallDoesNotSwingTheEstimate() {
    AcdFixture.register(acd, clock, "1001");
    handleOneCall("1001", 200);
    handleOneCall("1001", 600); // 200 + (600 - 200) / 4 = 300
    acd.answered("1001");
    waiting();
    AcdFixture.TestCall caller = waiting();
    assertThat(acd.position(caller)).isEqualTo(2);
    assertThat(acd.estimatedWait(caller)).contains(Duration.ofSeconds(600));
  }

  @Test
  void pausedAgentsDoNotCountAndNobodyServingMeansNoEstimate() {
    AcdFixture.register(acd, clock, "1001");
    AcdFixture.register(acd, clock, "1002");
    handleOneCall("1001", 60);
    acd.pause("1001", "lunch");
    acd.pause("1002", "lunch");
    AcdFixture.TestCall caller = waiting();
    assertThat(acd.position(caller)).isEqualTo(1);
    assertThat(acd.estimatedWait(caller)).as("nobody serves the queue").isEmpty();
    acd.ready("1002");
    assertThat(caller.lastAgent()).isEqualTo("1002");
  }

  private AcdFixture.TestCall waiting() {
    AcdFixture.TestCall call = new AcdFixture.TestCall(clock.instant());
    acd.enqueue(call);
    return call;
  }

  private void handleOneCall(String agent, long talkSeconds) {
    AcdFixture.TestCall call = waiting();
    assertThat(call.lastAgent()).isEqualTo(agent);
    acd.remove(call);
    acd.answered(agent);
    clock.advance(talkSeconds);
    acd.release(agent, true);
    clock.advance(3600);
    acd.tick();
  }
}

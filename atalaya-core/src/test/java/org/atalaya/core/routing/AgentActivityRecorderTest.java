package org.atalaya.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atalaya.core.routing.AcdFixture.TestCall;
import org.junit.jupiter.api.Test;

/**
 * One agent's morning through a real ACD and a hand-moved clock (10:00:00 at the start), with the
 * writes queued so the test decides when they run, as the node's writer thread would.
 */
class AgentActivityRecorderTest {
  private final AcdFixture.MutableClock clock = new AcdFixture.MutableClock();
  private final Acd acd = new Acd(clock);
  private final MemoryAgentActivityRepository store = new MemoryAgentActivityRepository();
  private final List<Runnable> queued = new ArrayList<>();
  private final AgentActivityRecorder recorder = new AgentActivityRecorder("t1", store, queued::add, clock);

  private static Instant at(String hms) {
    return Instant.parse("2026-11-22T" + hms + "Z");
  }

  private void runWrites() {
    queued.forEach(Runnable::run);
    queued.clear();
  }

  @Test
  void eachStateIsStoredWhenItEndsWithItsCallOrPauseReason() {
    acd.onChange(recorder);
    acd.configure(new QueueConfig("support", Strategy.LONGEST_IDLE, Map.of(), Duration.ofSeconds(30),
        Duration.ofMinutes(2), null, 20));
    AcdFixture.register(acd, clock, "1001"); // 10:00:00 available
    clock.advance(60);
    TestCall c = new TestCall(clock.instant(), "support");
    acd.enqueue(c); // 10:01:00 ringing
    clock.advance(5);
    acd.answered("1001"); // 10:01:05 on the call
    clock.advance(60);
    AcdFixture.register(acd, clock, "1001"); // a registration refresh changes nothing
    acd.pause("1001", "lunch"); // pending: the call goes on
    clock.advance(60);
    acd.release("1001", true); // 10:03:05 wrap-up
    clock.advance(30);
    acd.tick(); // 10:03:35 paused for lunch
    clock.advance(600);
    acd.pause("1001", "break"); // 10:13:35 another reason: another stretch
    clock.advance(300);
    acd.ready("1001"); // 10:18:35 available
    assertThat(store.all()).as("nothing is written on the ACD's thread").isEmpty();
    runWrites();
    assertThat(store.all()).extracting(AgentActivity::state, AgentActivity::since, AgentActivity::until,
        AgentActivity::pauseReason, AgentActivity::callId).containsExactly(
        org.assertj.core.groups.Tuple.tuple(AgentState.AVAILABLE, at("10:00:00"), at("10:01:00"), null, null),
        org.assertj.core.groups.Tuple.tuple(AgentState.RINGING, at("10:01:00"), at("10:01:05"), null, c.id),
        org.assertj.core.groups.Tuple.tuple(AgentState.ON_CALL, at("10:01:05"), at("10:03:05"), null, c.id),
        org.assertj.core.groups.Tuple.tuple(AgentState.WRAP_UP, at("10:03:05"), at("10:03:35"), null, c.id),
        org.assertj.core.groups.Tuple.tuple(AgentState.PAUSED, at("10:03:35"), at("10:13:35"), "lunch", null),
        org.assertj.core.groups.Tuple.tuple(AgentState.PAUSED, at("10:13:35"), at("10:18:35"), "break", null));
    assertThat(store.all()).allSatisfy(a -> assertThat(a.tenantId()).isEqualTo("t1"))
        .allSatisfy(a -> assertThat(a.agentExtension()).isEqualTo("1001"));

    // Reads see the state in progress, until now; the store gets it when the node stops.
    clock.advance(100); // 10:20:15
    assertThat(recorder.overlapping("t1", at("10:15:00"), at("11:00:00")))
        .extracting(AgentActivity::state, AgentActivity::since, AgentActivity::until).containsExactly(
            org.assertj.core.groups.Tuple.tuple(AgentState.PAUSED, at("10:13:35"), at("10:18:35")),
            org.assertj.core.groups.Tuple.tuple(AgentState.AVAILABLE, at("10:18:35"), at("10:20:15")));
    assertThat(recorder.overlapping("t1", at("10:19:00"), at("10:19:30"))).hasSize(1);
    assertThat(recorder.overlapping("t2", at("10:00:00"), at("11:00:00"))).as("another tenant's").isEmpty();
    recorder.close();
    acd.logout("1001");
    runWrites();
    assertThat(store.all()).hasSize(7);
    assertThat(store.all().getLast()).extracting(AgentActivity::state, AgentActivity::until)
        .containsExactly(AgentState.AVAILABLE, at("10:20:15"));
  }

  @Test
  void anOfferWithdrawnInTheInstantItWasMadeTookNoTime() {
    acd.onChange(recorder);
    AcdFixture.register(acd, clock, "1001");
    clock.advance(10);
    acd.enqueue(new TestCall(clock.instant()));
    acd.release("1001", false); // the caller hung up as the phone started ringing
    clock.advance(10);
    acd.pause("1001", "admin");
    runWrites();
    assertThat(store.all()).extracting(AgentActivity::state, AgentActivity::duration).containsExactly(
        org.assertj.core.groups.Tuple.tuple(AgentState.AVAILABLE, Duration.ofSeconds(10)),
        org.assertj.core.groups.Tuple.tuple(AgentState.AVAILABLE, Duration.ofSeconds(10)));
  }

  @Test
  void aStoreThatFailsLosesTheStretchButNotTheAcd() {
    AgentActivityRepository broken = new AgentActivityRepository() {
      @Override
      public void append(AgentActivity activity) {
        throw new IllegalStateException("database down");
      }

      @Override
      public List<AgentActivity> overlapping(String tenantId, Instant from, Instant to) {
        return List.of();
      }
    };
    acd.onChange(new AgentActivityRecorder("t1", broken, Runnable::run, clock));
    AcdFixture.register(acd, clock, "1001");
    clock.advance(10);
    acd.pause("1001", "admin");
    assertThat(acd.agent("1001").orElseThrow().state()).isEqualTo(AgentState.PAUSED);
  }
}

package org.atalaya.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.atalaya.core.routing.AcdFixture.TestCall;
import org.junit.jupiter.api.Test;

/** Wrap-up, pause with a reason, login and logout, with a hand-moved clock. */
class AcdAgentControlsTest {
  private final AcdFixture.MutableClock clock = new AcdFixture.MutableClock();
  private final Acd acd = new Acd(clock);

  @Test
  void afterACallTheAgentWrapsUpForTheQueuesTimeBeforeTheNextOffer() {
    AcdFixture.register(acd, clock, "1001");
    acd.configure(new QueueConfig("support", Strategy.LONGEST_IDLE, Map.of(), Duration.ofSeconds(30),
        Duration.ofMinutes(2), null, 20));
    TestCall first = call("support");
    acd.answered("1001");
    clock.advance(60);
    acd.release("1001", true);
    assertThat(state("1001")).isEqualTo(AgentState.WRAP_UP);
    TestCall second = call("support");
    clock.advance(29);
    acd.tick();
    assertThat(second.offers).isEmpty();
    clock.advance(1);
    acd.tick();
    assertThat(second.lastAgent()).isEqualTo("1001");
    assertThat(first.lastAgent()).isEqualTo("1001");
  }

  @Test
  void readyEndsTheWrapUpEarlyAndAnOfferNotTakenHasNoWrapUp() {
    AcdFixture.register(acd, clock, "1001");
    acd.configure(new QueueConfig("support", Strategy.LONGEST_IDLE, Map.of(), Duration.ofSeconds(120),
        Duration.ofMinutes(2), null, 20));
    TestCall c = call("support");
    acd.release("1001", false); // rang, not answered
    assertThat(state("1001")).isEqualTo(AgentState.AVAILABLE);
    acd.enqueue(c);
    acd.answered("1001");
    acd.release("1001", true);
    assertThat(state("1001")).isEqualTo(AgentState.WRAP_UP);
    TestCall next = call("support");
    acd.ready("1001");
    assertThat(next.lastAgent()).isEqualTo("1001");
  }

  @Test
  void aPausedAgentIsNotOfferedCallsAndAPauseDuringACallStartsWhenItEnds() {
    AcdFixture.register(acd, clock, "1001");
    acd.pause("1001", "lunch");
    assertThat(acd.agent("1001").orElseThrow()).extracting(AgentStatus::state, AgentStatus::pauseReason)
        .containsExactly(AgentState.PAUSED, "lunch");
    TestCall c = call("default");
    assertThat(c.offers).isEmpty();
    assertThat(acd.servingAgents("default")).isZero();
    acd.ready("1001");
    assertThat(c.lastAgent()).isEqualTo("1001");
    acd.answered("1001");
    acd.pause("1001", "break");
    assertThat(state("1001")).isEqualTo(AgentState.ON_CALL);
    TestCall later = call("default");
    acd.release("1001", true);
    assertThat(acd.agent("1001").orElseThrow()).extracting(AgentStatus::state, AgentStatus::pauseReason)
        .containsExactly(AgentState.PAUSED, "break");
    assertThat(later.offers).isEmpty();
  }

  @Test
  void aLoggedOutAgentTakesNoCallsAndLoggingInStartsItsCountersAgain() {
    AcdFixture.register(acd, clock, "1001");
    call("default");
    acd.answered("1001");
    clock.advance(40);
    acd.logout("1001"); // during the call: once it ends
    assertThat(state("1001")).isEqualTo(AgentState.ON_CALL);
    acd.release("1001", true);
    assertThat(state("1001")).isEqualTo(AgentState.LOGGED_OUT);
    assertThat(acd.agent("1001").orElseThrow().calls()).isEqualTo(1);
    TestCall waiting = call("default");
    assertThat(waiting.offers).isEmpty();
    assertThatThrownBy(() -> acd.pause("1001", "lunch")).isInstanceOf(IllegalStateException.class);
    // Re-registering (a phone's refresh) does not log the agent back in.
    AcdFixture.register(acd, clock, "1001");
    assertThat(state("1001")).isEqualTo(AgentState.LOGGED_OUT);
    acd.login("1001");
    assertThat(acd.agent("1001").orElseThrow()).extracting(AgentStatus::calls, AgentStatus::talk)
        .containsExactly(0, Duration.ZERO);
    assertThat(waiting.lastAgent()).isEqualTo("1001");
  }

  @Test
  void aPausedAgentWhosePhoneDropsComesBackPaused() {
    AcdFixture.register(acd, clock, "1001");
    acd.pause("1001", "training");
    acd.unregistered("1001");
    assertThat(state("1001")).isEqualTo(AgentState.OFFLINE);
    AcdFixture.register(acd, clock, "1001");
    assertThat(state("1001")).isEqualTo(AgentState.PAUSED);
    assertThatThrownBy(() -> acd.pause("9999", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyListenerHearsEachChangeWithTheCallTheAgentRingsTalksOrWrapsUpFor() {
    java.util.List<AgentChange> dashboard = new java.util.ArrayList<>();
    java.util.List<AgentChange> history = new java.util.ArrayList<>();
    acd.onChange(dashboard::add);
    acd.onChange(history::add);
    acd.configure(new QueueConfig("support", Strategy.LONGEST_IDLE, Map.of(), Duration.ofSeconds(30),
        Duration.ofMinutes(2), null, 20));
    AcdFixture.register(acd, clock, "1001");
    acd.pause("1001", "lunch");
    acd.ready("1001");
    TestCall c = call("support");
    acd.answered("1001");
    acd.pause("1001", "break"); // during the call: pending, and no call of its own
    acd.release("1001", true);
    acd.ready("1001");
    assertThat(history).isEqualTo(dashboard);
    assertThat(history).extracting(ch -> ch.status().state(), AgentChange::callId).containsExactly(
        org.assertj.core.groups.Tuple.tuple(AgentState.AVAILABLE, null),
        org.assertj.core.groups.Tuple.tuple(AgentState.PAUSED, null),
        org.assertj.core.groups.Tuple.tuple(AgentState.AVAILABLE, null),
        org.assertj.core.groups.Tuple.tuple(AgentState.RINGING, c.id),
        org.assertj.core.groups.Tuple.tuple(AgentState.ON_CALL, c.id),
        org.assertj.core.groups.Tuple.tuple(AgentState.ON_CALL, c.id),
        org.assertj.core.groups.Tuple.tuple(AgentState.WRAP_UP, c.id),
        org.assertj.core.groups.Tuple.tuple(AgentState.AVAILABLE, null));
  }

  private TestCall call(String queue) {
    TestCall c = new TestCall(clock.instant(), queue);
    acd.enqueue(c);
    return c;
  }

  private AgentState state(String ext) {
    return acd.agent(ext).orElseThrow().state();
  }
}

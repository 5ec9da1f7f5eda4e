package org.atalaya.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.atalaya.core.routing.AcdFixture.TestCall;
import org.junit.jupiter.api.Test;

/** Each strategy, skills and levels, with a hand-moved clock so every pick is exact. */
class AcdStrategiesTest {
  private final AcdFixture.MutableClock clock = new AcdFixture.MutableClock();
  private final Acd acd = new Acd(clock);

  @Test
  void leastTalkTimePicksTheAgentWhoHasTalkedLeastSinceLoggingIn() {
    agents("1001", "1002", "1003");
    acd.configure(queue("sales", Strategy.LEAST_TALK_TIME));
    talk("1001", 100, "sales");
    talk("1002", 30, "sales");
    talk("1003", 60, "sales");
    // 1002 is also the most recently idle: longest idle would not pick it.
    TestCall call = call("sales");
    assertThat(call.rounds).containsExactly(java.util.List.of("1002"));
    assertThat(acd.agent("1001").orElseThrow().talk()).isEqualTo(Duration.ofSeconds(100));
  }

  @Test
  void fewestCallsPicksTheAgentWithTheFewestAnsweredCalls() {
    agents("1001", "1002", "1003");
    acd.configure(queue("sales", Strategy.FEWEST_CALLS));
    talk("1001", 5, "sales");
    talk("1001", 5, "sales");
    talk("1002", 300, "sales"); // one long call
    talk("1003", 5, "sales");
    talk("1003", 5, "sales");
    talk("1003", 5, "sales");
    assertThat(call("sales").lastAgent()).isEqualTo("1002");
    assertThat(acd.agent("1003").orElseThrow().calls()).isEqualTo(3);
  }

  @Test
  void roundRobinGoesOnFromTheAgentWhoTookThePreviousCall() {
    agents("999", "1001", "1002");
    acd.configure(queue("sales", Strategy.ROUND_ROBIN));
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      TestCall c = call("sales");
      String agent = c.lastAgent();
      order.append(agent).append(' ');
      acd.answered(agent);
      clock.advance(10);
      acd.release(agent, true);
    }
    // Numeric order (999 before 1001), wrapping around, whoever is longest idle.
    assertThat(order.toString().strip()).isEqualTo("999 1001 1002 999");
  }

  @Test
  void ringAllOffersEveryFreeSkilledAgentAtOnce() {
    agents("1001", "1002", "1003");
    acd.configure(new QueueConfig("vip", Strategy.RING_ALL, Map.of("vip", 1), Duration.ZERO,
        Duration.ofMinutes(2), null, 20));
    acd.skills("1001", Map.of("vip", 1));
    acd.skills("1003", Map.of("vip", 1));
    TestCall call = call("vip");
    assertThat(call.rounds).hasSize(1);
    assertThat(call.rounds.getFirst()).containsExactlyInAnyOrder("1001", "1003");
    assertThat(state("1001")).isEqualTo(AgentState.RINGING);
    assertThat(state("1003")).isEqualTo(AgentState.RINGING);
    assertThat(state("1002")).isEqualTo(AgentState.AVAILABLE);
    acd.answered("1003");
    acd.release("1001", false); // the call cancels the others' ringing
    assertThat(state("1001")).isEqualTo(AgentState.AVAILABLE);
    assertThat(state("1003")).isEqualTo(AgentState.ON_CALL);
  }

  @Test
  void aQueueNeedingASkillWaitsForAnAgentWhoHasItAtTheLevel() {
    agents("1001", "1002", "1003");
    acd.configure(new QueueConfig("finance", Strategy.LONGEST_IDLE, Map.of("billing", 3), Duration.ZERO,
        Duration.ofMinutes(2), null, 20));
    acd.skills("1001", Map.of("billing", 2));
    acd.skills("1002", Map.of("billing", 5, "technical", 1));
    TestCall first = call("finance");
    assertThat(first.lastAgent()).isEqualTo("1002");
    TestCall second = call("finance");
    assertThat(second.offers).as("1001's level 2 is below 3; 1003 has no billing").isEmpty();
    assertThat(acd.servingAgents("finance")).isEqualTo(1);
    acd.answered("1002");
    acd.release("1002", true);
    assertThat(second.lastAgent()).isEqualTo("1002");
    // A queue with no skills takes anyone.
    assertThat(call("default").lastAgent()).isEqualTo("1001");
  }

  @Test
  void theMoreSkilledAreOfferedFirstAndTheOthersAreTheBackup() {
    agents("1001", "1002");
    acd.configure(new QueueConfig("technical", Strategy.LONGEST_IDLE, Map.of("technical", 1), Duration.ZERO,
        Duration.ofMinutes(2), null, 20));
    acd.skills("1001", Map.of("technical", 2)); // 1001 is the longest idle
    acd.skills("1002", Map.of("technical", 8));
    assertThat(call("technical").lastAgent()).isEqualTo("1002");
    assertThat(call("technical").lastAgent()).as("the expert is busy: the backup").isEqualTo("1001");
  }

  @Test
  void theOldestCallIsServedFirstAcrossQueues() {
    TestCall finance = new TestCall(clock.instant(), "finance");
    TestCall technical = new TestCall(clock.instant().minusSeconds(5), "technical");
    acd.enqueue(finance);
    acd.enqueue(technical);
    assertThat(acd.position(finance)).isEqualTo(1);
    assertThat(acd.waiting("technical")).isEqualTo(1);
    agents("1001");
    assertThat(technical.lastAgent()).isEqualTo("1001");
    assertThat(finance.offers).isEmpty();
  }

  private void agents(String... extensions) {
    for (String ext : extensions) {
      AcdFixture.register(acd, clock, ext);
      clock.advance(1);
    }
  }

  private static QueueConfig queue(String name, Strategy strategy) {
    return new QueueConfig(name, strategy, Map.of(), Duration.ZERO, Duration.ofMinutes(2), null, 20);
  }

  private TestCall call(String queue) {
    TestCall c = new TestCall(clock.instant(), queue);
    acd.enqueue(c);
    return c;
  }

  /** The agent takes one call, through a queue only it serves, and talks for {@code seconds}. */
  private void talk(String agent, long seconds, String unused) {
    String only = "only-" + agent;
    acd.configure(new QueueConfig(only, Strategy.LONGEST_IDLE, Map.of("me-" + agent, 1), Duration.ZERO,
        Duration.ofMinutes(2), null, 20));
    acd.skills(agent, Map.of("me-" + agent, 1));
    TestCall c = call(only);
    assertThat(c.lastAgent()).isEqualTo(agent);
    acd.answered(agent);
    clock.advance(seconds);
    acd.release(agent, true);
  }

  private AgentState state(String ext) {
    return acd.agent(ext).orElseThrow().state();
  }
}

package org.atalaya.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.atalaya.sip.Registration;
import org.junit.jupiter.api.Test;

class AcdTest {
  private final AcdFixture.MutableClock clock = new AcdFixture.MutableClock();
  private final Acd acd = new Acd(clock);

  @Test
  void offersTheOldestCallToTheLongestIdleAgent() {
    register("1001");
    clock.advance(5);
    register("1002");
    AcdFixture.TestCall first = new AcdFixture.TestCall(clock.instant());
    clock.advance(1);
    AcdFixture.TestCall second = new AcdFixture.TestCall(clock.instant());
    acd.enqueue(second);
    assertThat(second.offers).extracting(Offer::extension).containsExactly("1001");
    acd.enqueue(first);
    assertThat(first.offers).extracting(Offer::extension).containsExactly("1002");
  }

  @Test
  void waitsWhenEveryoneIsBusyAndServesWhenAnAgentIsReleased() {
    register("1001");
    AcdFixture.TestCall a = new AcdFixture.TestCall(clock.instant());
    AcdFixture.TestCall b = new AcdFixture.TestCall(clock.instant().plusSeconds(1));
    acd.enqueue(a);
    acd.enqueue(b);
    assertThat(b.offers).isEmpty();
    acd.answered("1001");
    clock.advance(30);
    acd.release("1001", true);
    assertThat(b.offers).extracting(Offer::extension).containsExactly("1001");
  }

  @Test
  void anAgentThatDidNotAnswerKeepsItsPlaceButTheCallTriesTheNextOneFirst() {
    register("1001");
    clock.advance(1);
    register("1002");
    AcdFixture.TestCall call = new AcdFixture.TestCall(clock.instant());
    acd.enqueue(call);
    assertThat(call.offers.getLast().extension()).isEqualTo("1001");
    acd.release("1001", false); // ring timeout
    acd.enqueue(call);
    assertThat(call.offers.getLast().extension()).isEqualTo("1002");
    acd.release("1002", false);
    acd.enqueue(call); // both tried: a new round starts with the longest idle again
    assertThat(call.offers).extracting(Offer::extension).containsExactly("1001", "1002", "1001");
  }

  @Test
  void unregisteredAgentsAndTheCallingAgentAreNeverOffered() {
    register("1001");
    register("1002");
    acd.unregistered("1001");
    AcdFixture.TestCall call = new AcdFixture.TestCall(clock.instant());
    call.excluded = "1002";
    acd.enqueue(call);
    assertThat(call.offers).isEmpty();
    assertThat(acd.registeredAgents()).isEqualTo(1);
    assertThat(acd.agents()).extracting(AgentStatus::state).containsExactly(AgentState.OFFLINE, AgentState.AVAILABLE);
  }

  @Test
  void aRemovedCallIsNotOffered() {
    AcdFixture.TestCall call = new AcdFixture.TestCall(clock.instant());
    acd.enqueue(call);
    acd.remove(call);
    register("1001");
    assertThat(call.offers).isEmpty();
  }

  private void register(String ext) {
    AcdFixture.register(acd, clock, ext);
  }
}

package org.atalaya.core.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.atalaya.core.testing.ManualClock;
import org.atalaya.sip.Registration;

/** A hand-moved clock and waiting calls that remember their offers, for the ACD's tests. */
final class AcdFixture {
  private AcdFixture() {}

  static void register(Acd acd, Clock clock, String ext) {
    acd.registered(new Registration(ext, "sip:" + ext + "@127.0.0.1:5070", "udp", "test", clock.instant().plusSeconds(3600)));
  }

  static final class TestCall implements WaitingCall {
    final Instant queuedAt;
    String queue = "default";
    final Set<String> offered = new HashSet<>();
    /** Every agent offered, in order; ring-all offers appear together, by the strategy's order. */
    final List<Offer> offers = new ArrayList<>();
    /** Each offer as it came: one agent, or all of a ring-all. */
    final List<List<String>> rounds = new ArrayList<>();
    String excluded;
    String target;
    String id = "call-" + System.identityHashCode(this);

    TestCall(Instant queuedAt) {
      this.queuedAt = queuedAt;
    }

    TestCall(Instant queuedAt, String queue) {
      this.queuedAt = queuedAt;
      this.queue = queue;
    }

    @Override
    public String callId() {
      return id;
    }

    @Override
    public Instant queuedAt() {
      return queuedAt;
    }

    @Override
    public String queue() {
      return queue;
    }

    @Override
    public Set<String> offeredTo() {
      return offered;
    }

    @Override
    public String targetAgent() {
      return target;
    }

    @Override
    public String excludedAgent() {
      return excluded;
    }

    @Override
    public void offer(List<Offer> offers) {
      this.offers.addAll(offers);
      rounds.add(offers.stream().map(Offer::extension).toList());
    }

    String lastAgent() {
      return offers.isEmpty() ? null : offers.getLast().extension();
    }
  }

  /** The routing tests' clock: 2026-11-22 10:00 UTC, moved in whole seconds. */
  static final class MutableClock extends ManualClock {
    MutableClock() {
      super(Instant.parse("2026-11-22T10:00:00Z"));
    }

    void advance(long seconds) {
      advance(Duration.ofSeconds(seconds));
    }
  }

}

package org.atalaya.core.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.atalaya.sip.Registration;
import org.atalaya.sip.RegistrationListener;

/**
 * The automatic call distributor: matches waiting calls, oldest first across queues, with the free
 * agents whose skills the call's queue needs, picked by the queue's {@link Strategy}. Tracks each
 * agent's presence (SIP registration), login, pause, wrap-up and load.
 *
 * <p>Threading: every method is synchronized; the state is small and each call is short, and one
 * lock makes "oldest call first" exact across calls and queues. {@link WaitingCall#offer} and the
 * change listeners run under the lock and must only post to a mailbox or queue the news (no I/O:
 * a slow listener would hold up every call's routing).
 */
public final class Acd implements RegistrationListener {
  private final Clock clock;
  private final ScheduledExecutorService timers;
  private final Map<String, AcdAgent> agents = new HashMap<>();
  private final Set<WaitingCall> waiting = new LinkedHashSet<>();
  private final Map<String, QueueConfig> queues = new HashMap<>();
  private final Map<String, String> lastServed = new HashMap<>();
  private final Map<String, Map<String, Integer>> skills = new HashMap<>();
  private Duration defaultMaxWait = Duration.ofMinutes(5);
  private List<String> pauseReasons = RoutingConfig.DEFAULT_PAUSE_REASONS;
  private Predicate<String> routable = ext -> true;
  private final WaitEstimator estimates = new WaitEstimator();
  private Trunk trunk;
  private final List<Consumer<AgentChange>> listeners = new CopyOnWriteArrayList<>();

  /** Without timers: wrap-up ends when {@link #tick} runs (tests drive it with their clock). */
  public Acd(Clock clock) {
    this(clock, null);
  }

  public Acd(Clock clock, ScheduledExecutorService timers) {
    this.clock = clock;
    this.timers = timers;
  }

  // Presence.

  @Override
  public synchronized void registered(Registration registration) {
    Instant now = clock.instant();
    AcdAgent a = agents.computeIfAbsent(registration.user(), ext -> new AcdAgent(ext, now));
    boolean wasOffline = a.registration == null;
    a.registration = registration;
    a.routable = routable.test(a.extension);
    a.skills = skills.getOrDefault(a.extension, Map.of());
    if (a.state == AgentState.OFFLINE) {
      a.to(!a.loggedIn ? AgentState.LOGGED_OUT : a.pauseReason != null ? AgentState.PAUSED : AgentState.AVAILABLE, now);
      a.idleSince = now;
    }
    if (wasOffline) {
      changed(a);
    }
    dispatch();
  }

  @Override
  public synchronized void unregistered(String user) {
    AcdAgent a = agents.get(user);
    if (a == null) {
      return;
    }
    a.registration = null;
    // A call in progress keeps its agent; the agent goes offline when it ends.
    if (a.state != AgentState.RINGING && a.state != AgentState.ON_CALL) {
      a.to(AgentState.OFFLINE, clock.instant());
    }
    changed(a);
  }

  /** Number of agents registered now (any state), not counting supervisors' phones. */
  public synchronized int registeredAgents() {
    return (int) agents.values().stream().filter(a -> a.registration != null && a.routable).count();
  }

  /**
   * Agents who could take the queue's calls now or once free: registered, logged in, not paused,
   * with the skills. Zero means a caller would wait for nobody.
   */
  public synchronized int servingAgents(String queue) {
    QueueConfig q = queue(queue);
    return (int) agents.values().stream().filter(a -> a.serving() && q.accepts(a.skills)).count();
  }

  /**
   * Decides which registered extensions may be offered customer calls; a supervisor's phone is
   * registered so it can monitor, not to take queue calls. Checked at each registration.
   */
  public synchronized void routableWhen(Predicate<String> routable) {
    this.routable = routable;
  }

  // Queues and skills.

  /** Adds or replaces a queue's routing; calls waiting in it follow the new rules at once. */
  public synchronized void configure(QueueConfig queue) {
    queues.put(queue.name(), queue);
    dispatch();
  }

  /**
   * Replaces every queue and every agent's skills with a tenant's routing document; calls
   * waiting follow the new rules at once.
   */
  public synchronized void apply(RoutingConfig config) {
    queues.clear();
    config.queues().forEach(q -> queues.put(q.name(), q));
    skills.clear();
    skills.putAll(config.skills());
    pauseReasons = config.pauseReasons();
    trunk = config.trunk();
    for (AcdAgent a : agents.values()) {
      a.skills = skills.getOrDefault(a.extension, Map.of());
    }
    dispatch();
  }

  /** Where transfers to outside numbers go, or null when the tenant has no trunk. */
  public synchronized Trunk trunk() {
    return trunk;
  }

  /** What agents may pause for, in the order the phone's {@code *43} digit picks them. */
  public synchronized List<String> pauseReasons() {
    return pauseReasons;
  }

  /** How long callers wait in a queue nobody configured. */
  public synchronized void defaultMaxWait(Duration maxWait) {
    this.defaultMaxWait = maxWait;
  }

  /** The queue's routing; a queue nobody configured is served by anyone, longest idle first. */
  public synchronized QueueConfig queue(String name) {
    QueueConfig q = queues.get(name);
    return q != null ? q : QueueConfig.simple(name, defaultMaxWait);
  }

  public synchronized List<QueueConfig> queues() {
    List<QueueConfig> out = new ArrayList<>(queues.values());
    out.sort(Comparator.comparing(QueueConfig::name));
    return out;
  }

  /** Sets an agent's skills (name to level 1-10); applies to the next offer. */
  public synchronized void skills(String extension, Map<String, Integer> levels) {
    skills.put(extension, Map.copyOf(levels));
    AcdAgent a = agents.get(extension);
    if (a != null) {
      a.skills = Map.copyOf(levels);
    }
    dispatch();
  }

  public synchronized Map<String, Integer> skills(String extension) {
    return skills.getOrDefault(extension, Map.of());
  }

  // Calls.

  /** Puts a call in its queue (or back in it after a failed offer) and tries to serve it. */
  public synchronized void enqueue(WaitingCall call) {
    waiting.add(call);
    dispatch();
  }

  /** Takes a call out of the queue (answered elsewhere, abandoned, timed out). */
  public synchronized void remove(WaitingCall call) {
    waiting.remove(call);
  }

  /** The call's place in its queue, 1 for the next served; 0 when it is not waiting. */
  public synchronized int position(WaitingCall call) {
    if (!waiting.contains(call)) {
      return 0;
    }
    // The order the calls are served in (see dispatch): oldest first, ties in arrival order.
    int ahead = 0;
    boolean arrivedAfter = false;
    for (WaitingCall w : waiting) {
      if (w == call) {
        arrivedAfter = true;
      } else if (w.queue().equals(call.queue()) && (w.queuedAt().isBefore(call.queuedAt())
          || (!arrivedAfter && w.queuedAt().equals(call.queuedAt())))) {
        ahead++;
      }
    }
    return ahead + 1;
  }

  /**
   * How long {@code call} may still wait, from its place, the queue's recent handle time and the
   * agents serving it ({@link WaitEstimator}); empty when there is nothing to base it on.
   */
  public synchronized Optional<Duration> estimatedWait(WaitingCall call) {
    return estimates.estimate(call.queue(), position(call), servingAgents(call.queue()));
  }

  /** Calls waiting in a queue now. */
  public synchronized int waiting(String queue) {
    return (int) waiting.stream().filter(w -> w.queue().equals(queue)).count();
  }

  /** The offered agent answered. */
  public synchronized void answered(String extension) {
    AcdAgent a = agents.get(extension);
    if (a != null) {
      Instant now = clock.instant();
      a.to(AgentState.ON_CALL, now);
      a.callStart = now;
      lastServed.put(a.queue, a.extension);
      changed(a);
    }
  }

  /**
   * The agent is free of the call: after talking ({@code talked}: counts the call, starts the
   * queue's wrap-up, and the idle time restarts once free) or after an offer it did not take
   * (idle time kept, so it stays first in line).
   */
  public synchronized void release(String extension, boolean talked) {
    AcdAgent a = agents.get(extension);
    if (a == null) {
      return;
    }
    Instant now = clock.instant();
    Duration wrap = talked && a.queue != null ? queue(a.queue).wrapUp() : Duration.ZERO;
    if (talked && a.callStart != null) {
      Duration talk = Duration.between(a.callStart, now);
      a.calls++;
      a.talk = a.talk.plus(talk);
      estimates.handled(a.queue, talk.plus(wrap));
    }
    a.callStart = null;
    if (!wrap.isZero() && a.registration != null && !a.logoutPending) {
      a.to(AgentState.WRAP_UP, now);
      a.wrapUntil = now.plus(wrap);
      if (timers != null) {
        timers.schedule(this::tick, wrap.toMillis(), TimeUnit.MILLISECONDS);
      }
    } else {
      a.free(now, talked);
    }
    changed(a);
    dispatch();
  }

  /** Ends the wrap-ups that are due; runs on a timer, or from tests after moving the clock. */
  public synchronized void tick() {
    Instant now = clock.instant();
    for (AcdAgent a : agents.values()) {
      if (a.state == AgentState.WRAP_UP && !now.isBefore(a.wrapUntil)) {
        a.free(now, true);
        changed(a);
      }
    }
    dispatch();
  }

  // The agent's own controls (web and feature codes).

  /** Logs the agent in to its queues; its load counters start again. */
  public synchronized AgentStatus login(String extension) {
    AcdAgent a = known(extension);
    if (a.login(clock.instant())) {
      changed(a);
      dispatch();
    }
    return a.status();
  }

  /** Logs the agent out; during a call, once it ends. */
  public synchronized AgentStatus logout(String extension) {
    AcdAgent a = known(extension);
    a.logout(clock.instant());
    changed(a);
    return a.status();
  }

  /** Pauses with a reason; during a call or wrap-up, the pause starts when they end. */
  public synchronized AgentStatus pause(String extension, String reason) {
    AcdAgent a = known(extension);
    if (!pauseReasons.contains(reason)) {
      throw new IllegalArgumentException("unknown pause reason '" + reason + "': one of " + pauseReasons);
    }
    a.pause(reason, clock.instant());
    changed(a);
    return a.status();
  }

  /** Ends a pause or the wrap-up early: the agent takes calls again. */
  public synchronized AgentStatus ready(String extension) {
    AcdAgent a = known(extension);
    a.ready(clock.instant());
    changed(a);
    dispatch();
    return a.status();
  }

  private AcdAgent known(String extension) {
    AcdAgent a = agents.get(extension);
    if (a == null) {
      throw new IllegalArgumentException("agent " + extension + " has never registered");
    }
    return a;
  }

  /**
   * Where an extension's phone is registered, to dial it (a supervisor's "call me"); empty when
   * it is not registered.
   */
  public synchronized Optional<Offer> contact(String extension) {
    AcdAgent a = agents.get(extension);
    if (a == null || a.registration == null) {
      return Optional.empty();
    }
    return Optional.of(offer(a));
  }

  /**
   * Adds a listener told of every agent state change (the dashboard, the state history), in the
   * order they were added, under the ACD's lock: it must only queue the news.
   */
  public void onChange(Consumer<AgentChange> listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  private void changed(AcdAgent a) {
    if (listeners.isEmpty()) {
      return;
    }
    AgentChange change = new AgentChange(a.status(), a.callId());
    for (Consumer<AgentChange> l : listeners) {
      l.accept(change);
    }
  }

  /** Every known agent's presence, by extension. */
  public synchronized List<AgentStatus> agents() {
    List<AgentStatus> out = new ArrayList<>();
    for (AcdAgent a : agents.values()) {
      out.add(a.status());
    }
    out.sort(Comparator.comparing(AgentStatus::extension));
    return out;
  }

  public synchronized Optional<AgentStatus> agent(String extension) {
    AcdAgent a = agents.get(extension);
    return a == null ? Optional.empty() : Optional.of(a.status());
  }

  private void dispatch() {
    List<WaitingCall> byAge = new ArrayList<>(waiting);
    byAge.sort(Comparator.comparing(WaitingCall::queuedAt));
    for (WaitingCall call : byAge) {
      QueueConfig q = queue(call.queue());
      List<AcdAgent> picked = Selection.pick(q, eligible(call, q, false), lastServed.get(q.name()));
      if (picked.isEmpty() && !call.offeredTo().isEmpty() && !eligible(call, q, true).isEmpty()) {
        // Every free agent has had this call once: start a new round.
        call.offeredTo().clear();
        picked = Selection.pick(q, eligible(call, q, false), lastServed.get(q.name()));
      }
      if (picked.isEmpty()) {
        continue;
      }
      Instant now = clock.instant();
      List<Offer> offers = new ArrayList<>();
      for (AcdAgent agent : picked) {
        agent.to(AgentState.RINGING, now);
        agent.queue = q.name();
        agent.call = call.callId();
        changed(agent);
        call.offeredTo().add(agent.extension);
        offers.add(offer(agent));
      }
      waiting.remove(call);
      call.offer(List.copyOf(offers));
    }
  }

  private List<AcdAgent> eligible(WaitingCall call, QueueConfig q, boolean includeOffered) {
    List<AcdAgent> out = new ArrayList<>();
    for (AcdAgent a : agents.values()) {
      String target = call.targetAgent();
      boolean wanted = target != null ? a.extension.equals(target) : q.accepts(a.skills);
      if (a.free() && !a.extension.equals(call.excludedAgent()) && wanted
          && (includeOffered || !call.offeredTo().contains(a.extension))) {
        out.add(a);
      }
    }
    return out;
  }

  private static Offer offer(AcdAgent a) {
    return new Offer(a.extension, a.registration.contactUri(), a.registration.transport());
  }
}

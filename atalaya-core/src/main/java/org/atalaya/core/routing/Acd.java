package org.atalaya.core.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atalaya.sip.Registration;
import org.atalaya.sip.RegistrationListener;

/**
 * The default queue's automatic call distributor: matches waiting calls, oldest first, with
 * available agents, longest idle first. Agent presence comes from SIP registrations.
 *
 * <p>Threading: every method is synchronized; the state is small and each call is short, and one
 * lock makes "oldest call gets the longest-idle agent" exact across calls. Callbacks to
 * {@link WaitingCall#offer} run under the lock and must only post to a mailbox.
 */
public final class Acd implements RegistrationListener {
  private final Clock clock;
  private final Map<String, Agent> agents = new HashMap<>();
  private final Set<WaitingCall> waiting = new LinkedHashSet<>();
  private java.util.function.Predicate<String> routable = ext -> true;
  private volatile java.util.function.Consumer<AgentStatus> listener;

  public Acd(Clock clock) {
    this.clock = clock;
  }

  private static final class Agent {
    final String extension;
    Registration registration;
    AgentState state = AgentState.OFFLINE;
    Instant since;
    Instant idleSince;
    boolean routable = true;

    Agent(String extension, Instant now) {
      this.extension = extension;
      this.since = now;
      this.idleSince = now;
    }
  }

  @Override
  public synchronized void registered(Registration registration) {
    Instant now = clock.instant();
    Agent a = agents.computeIfAbsent(registration.user(), ext -> new Agent(ext, now));
    boolean wasOffline = a.registration == null;
    a.registration = registration;
    a.routable = routable.test(a.extension);
    if (a.state == AgentState.OFFLINE) {
      a.state = AgentState.AVAILABLE;
      a.since = now;
      a.idleSince = now;
    }
    if (wasOffline) {
      changed(a);
    }
    dispatch();
  }

  @Override
  public synchronized void unregistered(String user) {
    Agent a = agents.get(user);
    if (a == null) {
      return;
    }
    a.registration = null;
    // A call in progress keeps its agent; the agent goes offline when it ends.
    if (a.state == AgentState.AVAILABLE) {
      a.state = AgentState.OFFLINE;
      a.since = clock.instant();
    }
    changed(a);
  }

  /** Number of agents registered now (available or busy). */
  public synchronized int registeredAgents() {
    return (int) agents.values().stream().filter(a -> a.registration != null && a.routable).count();
  }

  /** Puts a call in the queue (or back in it after a failed offer) and tries to serve it. */
  public synchronized void enqueue(WaitingCall call) {
    waiting.add(call);
    dispatch();
  }

  /** Takes a call out of the queue (answered elsewhere, abandoned, timed out). */
  public synchronized void remove(WaitingCall call) {
    waiting.remove(call);
  }

  /** The offered agent answered. */
  public synchronized void answered(String extension) {
    Agent a = agents.get(extension);
    if (a != null) {
      a.state = AgentState.ON_CALL;
      a.since = clock.instant();
      changed(a);
    }
  }

  /**
   * The agent is free again: after a call ({@code talked}: its idle time restarts) or after an
   * offer it did not take (idle time kept, so it stays first in line).
   */
  public synchronized void release(String extension, boolean talked) {
    Agent a = agents.get(extension);
    if (a == null) {
      return;
    }
    Instant now = clock.instant();
    a.state = a.registration == null ? AgentState.OFFLINE : AgentState.AVAILABLE;
    a.since = now;
    if (talked) {
      a.idleSince = now;
    }
    changed(a);
    dispatch();
  }

  /**
   * Where an extension's phone is registered, to dial it (a supervisor's "call me"); empty when
   * it is not registered.
   */
  public synchronized java.util.Optional<Offer> contact(String extension) {
    Agent a = agents.get(extension);
    if (a == null || a.registration == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Offer(a.extension, a.registration.contactUri(), a.registration.transport()));
  }

  /**
   * Decides which registered extensions may be offered customer calls; a supervisor's phone is
   * registered so it can monitor, not to take queue calls. Checked at each registration.
   */
  public synchronized void routableWhen(java.util.function.Predicate<String> routable) {
    this.routable = routable;
  }

  /** Told of every agent state change, under the ACD's lock: must only queue the news. */
  public void onChange(java.util.function.Consumer<AgentStatus> listener) {
    this.listener = listener;
  }

  private void changed(Agent a) {
    java.util.function.Consumer<AgentStatus> l = listener;
    if (l != null) {
      l.accept(status(a));
    }
  }

  private static AgentStatus status(Agent a) {
    return new AgentStatus(a.extension, a.state, a.since, a.idleSince, a.registration == null ? null : a.registration.contactUri());
  }

  /** Every known agent's presence, by extension. */
  public synchronized List<AgentStatus> agents() {
    List<AgentStatus> out = new ArrayList<>();
    for (Agent a : agents.values()) {
      out.add(status(a));
    }
    out.sort(Comparator.comparing(AgentStatus::extension));
    return out;
  }

  private void dispatch() {
    List<WaitingCall> byAge = new ArrayList<>(waiting);
    byAge.sort(Comparator.comparing(WaitingCall::queuedAt));
    for (WaitingCall call : byAge) {
      Agent agent = longestIdle(call, false);
      if (agent == null && !call.offeredTo().isEmpty() && longestIdle(call, true) != null) {
        // Every free agent has had this call once: start a new round.
        call.offeredTo().clear();
        agent = longestIdle(call, false);
      }
      if (agent == null) {
        continue;
      }
      agent.state = AgentState.RINGING;
      agent.since = clock.instant();
      changed(agent);
      waiting.remove(call);
      call.offeredTo().add(agent.extension);
      call.offer(new Offer(agent.extension, agent.registration.contactUri(), agent.registration.transport()));
    }
  }

  private Agent longestIdle(WaitingCall call, boolean includeOffered) {
    Agent best = null;
    for (Agent a : agents.values()) {
      if (a.state != AgentState.AVAILABLE || a.registration == null || !a.routable || a.extension.equals(call.excludedAgent())) {
        continue;
      }
      if (!includeOffered && call.offeredTo().contains(a.extension)) {
        continue;
      }
      if (best == null || a.idleSince.isBefore(best.idleSince)
          || (a.idleSince.equals(best.idleSince) && a.extension.compareTo(best.extension) < 0)) {
        best = a;
      }
    }
    return best;
  }
}

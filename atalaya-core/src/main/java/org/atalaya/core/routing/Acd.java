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

  public Acd(Clock clock) {
    this.clock = clock;
  }

  private static final class Agent {
    final String extension;
    Registration registration;
    AgentState state = AgentState.OFFLINE;
    Instant since;
    Instant idleSince;

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
    a.registration = registration;
    if (a.state == AgentState.OFFLINE) {
      a.state = AgentState.AVAILABLE;
      a.since = now;
      a.idleSince = now;
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
  }

  /** Number of agents registered now (available or busy). */
  public synchronized int registeredAgents() {
    return (int) agents.values().stream().filter(a -> a.registration != null).count();
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
    dispatch();
  }

  /** Every known agent's presence, by extension. */
  public synchronized List<AgentStatus> agents() {
    List<AgentStatus> out = new ArrayList<>();
    for (Agent a : agents.values()) {
      out.add(new AgentStatus(a.extension, a.state, a.since, a.idleSince, a.registration == null ? null : a.registration.contactUri()));
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
      waiting.remove(call);
      call.offeredTo().add(agent.extension);
      call.offer(new Offer(agent.extension, agent.registration.contactUri(), agent.registration.transport()));
    }
  }

  private Agent longestIdle(WaitingCall call, boolean includeOffered) {
    Agent best = null;
    for (Agent a : agents.values()) {
      if (a.state != AgentState.AVAILABLE || a.registration == null || a.extension.equals(call.excludedAgent())) {
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

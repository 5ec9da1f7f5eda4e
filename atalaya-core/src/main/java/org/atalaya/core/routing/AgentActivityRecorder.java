package org.atalaya.core.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one ACD's agent state changes into the agents' state history: when an agent leaves a
 * state, that state is appended to the store on {@code writer}. Reads through it see, besides what
 * is stored, the state each agent is in now (until now), which the store only gets when it ends,
 * so a report on today does not miss an agent who has been available since the morning.
 *
 * <p>A state is known by its state, pause reason and call: a new pause reason starts a new
 * stretch, a phone refreshing its registration does not. A node that stops in order writes the
 * states in progress ({@link #close}); a crash loses them.
 *
 * <p>Threading: {@link #accept} is the ACD's listener and runs under the ACD's lock, so it only
 * updates memory and hands the write to {@code writer} (no JDBC under that lock); {@link
 * #overlapping} runs on request threads. The open states are guarded by this object's lock,
 * never held while the store is called.
 */
public final class AgentActivityRecorder implements Consumer<AgentChange>, AgentActivityRepository, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentActivityRecorder.class);

  private final String tenantId;
  private final AgentActivityRepository store;
  private final Executor writer;
  private final Clock clock;
  private final Map<String, Open> open = new HashMap<>();
  private boolean closed;

  /** The state an agent is in now. */
  private record Open(AgentState state, Instant since, String pauseReason, String callId) {
    boolean sameAs(Open o) {
      return state == o.state && Objects.equals(pauseReason, o.pauseReason) && Objects.equals(callId, o.callId);
    }

    AgentActivity until(String tenantId, String extension, Instant end) {
      return new AgentActivity(tenantId, extension, state, since, end, pauseReason, callId);
    }
  }

  /**
   * @param tenantId the tenant whose calls the ACD routes (a node routes one tenant)
   * @param writer where appends run, off the ACD's lock; one thread keeps them in order
   */
  public AgentActivityRecorder(String tenantId, AgentActivityRepository store, Executor writer, Clock clock) {
    this.tenantId = Objects.requireNonNull(tenantId);
    this.store = Objects.requireNonNull(store);
    this.writer = Objects.requireNonNull(writer);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public void accept(AgentChange change) {
    AgentStatus s = change.status();
    AgentActivity ended;
    synchronized (this) {
      if (closed) {
        return;
      }
      Open next = new Open(s.state(), s.since(), s.state() == AgentState.PAUSED ? s.pauseReason() : null,
          change.callId());
      Open prev = open.get(s.extension());
      if (prev != null && prev.sameAs(next)) {
        return;
      }
      if (prev != null && next.since().isBefore(prev.since())) {
        next = new Open(next.state(), prev.since(), next.pauseReason(), next.callId());
      }
      open.put(s.extension(), next);
      // A state left in the instant it began (an offer withdrawn at once) took no time.
      ended = prev != null && next.since().isAfter(prev.since())
          ? prev.until(tenantId, s.extension(), next.since()) : null;
    }
    if (ended != null) {
      write(ended);
    }
  }

  private void write(AgentActivity a) {
    try {
      writer.execute(() -> {
        try {
          store.append(a);
        } catch (RuntimeException e) {
          LOG.warn("agent {}: {} from {} not stored: {}", a.agentExtension(), a.state(), a.since(), e.toString());
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.warn("agent {}: {} from {} not stored: the writer has stopped", a.agentExtension(), a.state(), a.since());
    }
  }

  /** Passes a finished state on to the store. */
  @Override
  public void append(AgentActivity activity) {
    store.append(activity);
  }

  /** What the store holds, plus, for this ACD's tenant, each agent's current state until now. */
  @Override
  public List<AgentActivity> overlapping(String tenantId, Instant from, Instant to) {
    List<AgentActivity> out = new ArrayList<>(store.overlapping(tenantId, from, to));
    if (!this.tenantId.equals(tenantId)) {
      return out;
    }
    Instant now = clock.instant();
    for (AgentActivity a : current(now)) {
      if (a.since().isBefore(to) && a.until().isAfter(from)) {
        out.add(a);
      }
    }
    out.sort(Comparator.comparing(AgentActivity::agentExtension).thenComparing(AgentActivity::since));
    return out;
  }

  private synchronized List<AgentActivity> current(Instant now) {
    List<AgentActivity> out = new ArrayList<>();
    open.forEach((ext, o) -> {
      if (now.isAfter(o.since())) {
        out.add(o.until(tenantId, ext, now));
      }
    });
    return out;
  }

  /** Writes the states in progress, ended now, and records nothing more: the node is stopping. */
  @Override
  public void close() {
    List<AgentActivity> inProgress;
    synchronized (this) {
      if (closed) {
        return;
      }
      inProgress = current(clock.instant());
      open.clear();
      closed = true;
    }
    inProgress.forEach(this::write);
  }
}

package org.atalaya.core.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.atalaya.core.calls.MonitorTarget;
import org.atalaya.media.Monitor;
import org.atalaya.media.MonitorMode;
import org.atalaya.media.PcmMonitor;

/**
 * One supervisor on one call. Created and changed only by {@link MonitoringService}; the web
 * layer reads it and subscribes to its changes.
 *
 * <p>Threading: fields are volatile or final; mode changes are serialized by the service.
 */
public final class MonitorSession {
  final String id;
  final Actor actor;
  final String callId;
  final String agentExtension;
  final Via via;
  final Instant startedAt;
  final MonitorTarget target;
  final Runnable release;
  final AtomicBoolean ended = new AtomicBoolean();
  private final List<Consumer<MonitorSession>> listeners = new CopyOnWriteArrayList<>();
  volatile Monitor monitor;
  volatile MonitorMode mode;
  volatile boolean tookOver;
  volatile String endReason;

  MonitorSession(String id, Actor actor, MonitorTarget target, Via via, Instant startedAt, MonitorMode mode,
      Runnable release) {
    this.id = id;
    this.actor = actor;
    this.target = target;
    this.callId = target.snapshot().id();
    this.agentExtension = target.snapshot().agentExtension();
    this.via = via;
    this.startedAt = startedAt;
    this.mode = mode;
    this.release = release;
  }

  public String id() {
    return id;
  }

  public MonitorMode mode() {
    return mode;
  }

  public boolean isEnded() {
    return ended.get();
  }

  /** Why it ended (hangup, call ended, stopped by a user), or null while live. */
  public String endReason() {
    return endReason;
  }

  /** The browser's audio, or null for a phone session. */
  public PcmMonitor audio() {
    return monitor instanceof PcmMonitor p ? p : null;
  }

  public SessionView view() {
    return new SessionView(id, actor.tenantId(), callId, actor.login(), mode, via, startedAt);
  }

  /** Told after every mode change and once when the session ends. Called on the changer's thread. */
  public void onChange(Consumer<MonitorSession> listener) {
    listeners.add(listener);
  }

  void changed() {
    for (Consumer<MonitorSession> l : listeners) {
      try {
        l.accept(this);
      } catch (RuntimeException e) {
        // A broken socket must not stop the mode change for the others.
      }
    }
  }
}

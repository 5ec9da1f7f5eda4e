package org.atalaya.core.monitoring;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.calls.CallControl;
import org.atalaya.core.calls.CallObserver;
import org.atalaya.core.calls.MonitorTarget;
import org.atalaya.core.live.LiveEvent;
import org.atalaya.core.live.LiveEvents;
import org.atalaya.core.users.Role;
import org.atalaya.media.Monitor;
import org.atalaya.media.MonitorMode;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.media.audio.Tones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live monitoring: supervisors join calls from the browser or a phone, switch modes, take calls
 * over and leave; agents ask for help. Every start, mode change and end is audited and
 * published to the tenant's dashboards.
 *
 * <p>Threading: any thread. Each session's changes are serialized on the session; call events
 * arrive from call mailboxes and are handed to {@code executor} so no call waits on another.
 */
public final class MonitoringService implements CallObserver {
  private static final Logger LOG = LoggerFactory.getLogger(MonitoringService.class);
  // Two short beeps: the discreet "a supervisor joined you" notice, agent only.
  private static final short[] NOTICE = notice();

  private final CallControl calls;
  private final AuditLog audit;
  private final LiveEvents events;
  private final Clock clock;
  private final Executor executor;
  private final boolean agentTone;
  private final Map<String, MonitorSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, HelpRequest> help = new ConcurrentHashMap<>();
  /** Set once by an orderly stop: no session starts from then on. */
  private volatile boolean stopping;

  public MonitoringService(CallControl calls, AuditLog audit, LiveEvents events, Clock clock, Executor executor,
      boolean agentTone) {
    this.calls = Objects.requireNonNull(calls);
    this.audit = Objects.requireNonNull(audit);
    this.events = Objects.requireNonNull(events);
    this.clock = Objects.requireNonNull(clock);
    this.executor = Objects.requireNonNull(executor);
    this.agentTone = agentTone;
    calls.addObserver(this);
  }

  /** Starts a browser session on a call: the returned session's {@link MonitorSession#audio} carries it. */
  public MonitorSession startBrowser(Actor actor, String callId, MonitorMode mode) {
    MonitorTarget target = authorize(actor, callId);
    return start(UUID.randomUUID().toString(), actor, target, mode, Via.BROWSER, null, () -> {});
  }

  /**
   * Starts a phone session with an endpoint already opened on the call ({@code release} hangs up
   * the supervisor's leg and closes the endpoint when the session ends for any other reason).
   */
  MonitorSession startPhone(String sessionId, Actor actor, MonitorTarget target, MonitorMode mode,
      RtpEndpoint endpoint, Runnable release) {
    return start(sessionId, actor, target, mode, Via.PHONE, endpoint, release);
  }

  private MonitorSession start(String id, Actor actor, MonitorTarget target, MonitorMode mode, Via via,
      RtpEndpoint endpoint, Runnable release) {
    Objects.requireNonNull(mode, "mode");
    if (stopping) {
      throw MonitoringException.stopping();
    }
    ActiveCall call = target.snapshot();
    if (call.answeredAt() == null) {
      throw MonitoringException.conflict("the call is not connected to an agent yet");
    }
    if (mode == MonitorMode.TAKE_OVER) {
      checkNotTakenOver(call.id(), null);
    }
    MonitorSession s = new MonitorSession(id, actor, target, via, clock.instant(), mode, release);
    synchronized (s) {
      try {
        // Attach in LISTEN first: a take-over is only applied once the session is registered.
        Monitor m = endpoint == null ? target.attach(MonitorMode.LISTEN) : target.attach(endpoint, MonitorMode.LISTEN);
        s.monitor = m;
      } catch (IllegalStateException e) {
        throw MonitoringException.conflict("the call is not connected: " + e.getMessage());
      }
      sessions.put(s.id, s);
      audit(actor, "monitor.start", s, "mode=" + mode.label() + " via=" + via.name().toLowerCase());
      LOG.info("monitoring {}: {} joined call {} ({}, {})", s.id, actor.login(), s.callId, mode, via);
      s.mode = MonitorMode.LISTEN;
      apply(s, mode);
    }
    events.publish(new LiveEvent.MonitorChanged(actor.tenantId(), s.id, s.callId, actor.login(), s.mode.name()));
    return s;
  }

  /** Switches a live session's mode, mid-call, with no SIP renegotiation. */
  public SessionView changeMode(Actor actor, String sessionId, MonitorMode mode) {
    MonitorSession s = session(actor, sessionId);
    synchronized (s) {
      if (s.isEnded()) {
        throw MonitoringException.notFound("monitoring session");
      }
      if (s.mode == mode) {
        return s.view();
      }
      if (s.tookOver) {
        throw MonitoringException.conflict("the agent has left after the take-over: the call stays with the supervisor");
      }
      if (mode == MonitorMode.TAKE_OVER) {
        checkNotTakenOver(s.callId, s);
      }
      audit(actor, "monitor.mode", s, "mode=" + mode.label() + " was=" + s.mode.label());
      apply(s, mode);
    }
    events.publish(new LiveEvent.MonitorChanged(s.actor.tenantId(), s.id, s.callId, s.actor.login(), mode.name()));
    return s.view();
  }

  /** In the session's lock: the media mode, the agent's notice, and the take-over itself. */
  private void apply(MonitorSession s, MonitorMode mode) {
    MonitorMode was = s.mode;
    s.monitor.mode(mode);
    s.mode = mode;
    if (mode == MonitorMode.TAKE_OVER) {
      try {
        s.target.takeOver(s.actor.login());
        s.tookOver = true;
      } catch (IllegalStateException e) {
        s.monitor.mode(was);
        s.mode = was;
        throw MonitoringException.conflict("the call could not be taken over: " + e.getMessage());
      }
    }
    boolean heardByAgent = mode.agentHears() || mode == MonitorMode.TAKE_OVER;
    boolean wasHeard = was.agentHears() || was == MonitorMode.TAKE_OVER;
    if (s.agentExtension != null && (heardByAgent || wasHeard)) {
      events.publish(new LiveEvent.AgentNotice(s.actor.tenantId(), s.agentExtension, s.callId,
          heardByAgent ? mode.name() : "ENDED"));
    }
    if (agentTone && mode.agentHears() && !was.agentHears()) {
      s.target.notifyAgent(NOTICE);
    }
    s.changed();
  }

  /**
   * An orderly stop: refuses new sessions (503 on the web) and ends every live one, each audited
   * with the reason "node stopping". Returns how many were ended.
   */
  public int stop() {
    stopping = true;
    List<MonitorSession> live = List.copyOf(sessions.values());
    for (MonitorSession s : live) {
      finish(s, s.actor, "node stopping");
    }
    return live.size();
  }

  /** How many monitoring sessions are live, every tenant's. */
  public int liveCount() {
    return sessions.size();
  }

  /** Ends a session at a user's request (the Stop button, the API). */
  public void end(Actor actor, String sessionId) {
    MonitorSession s = session(actor, sessionId);
    finish(s, actor, "stopped by " + actor.login());
  }

  /** Ends a session from its own side (the browser closed the socket, the phone hung up). */
  public void left(MonitorSession s, String reason) {
    finish(s, s.actor, reason);
  }

  private void finish(MonitorSession s, Actor actor, String reason) {
    if (!s.ended.compareAndSet(false, true)) {
      return;
    }
    synchronized (s) {
      s.endReason = reason;
      sessions.remove(s.id);
      s.monitor.close();
      try {
        s.release.run();
      } catch (RuntimeException e) {
        LOG.warn("monitoring {}: release failed", s.id, e);
      }
      audit(actor, "monitor.end", s, "mode=" + s.mode.label() + " reason=" + reason);
      LOG.info("monitoring {}: ended ({})", s.id, reason);
      if (s.agentExtension != null && (s.mode.agentHears()) && !s.tookOver) {
        events.publish(new LiveEvent.AgentNotice(s.actor.tenantId(), s.agentExtension, s.callId, "ENDED"));
      }
      if (s.tookOver && !"call ended".equals(reason)) {
        // Nobody is left to talk with the customer.
        s.target.hangup("supervisor");
      }
      s.changed();
    }
    events.publish(new LiveEvent.MonitorChanged(s.actor.tenantId(), s.id, s.callId, s.actor.login(), null));
  }

  /** Live sessions of the actor's tenant, oldest first. */
  public List<SessionView> sessions(Actor actor) {
    requireSupervisor(actor);
    return sessions.values().stream()
        .filter(s -> s.actor.tenantId().equals(actor.tenantId()))
        .map(MonitorSession::view)
        .sorted(Comparator.comparing(SessionView::startedAt))
        .toList();
  }

  /** A session of the actor's tenant, for the web layer (e.g. to attach a socket). */
  public MonitorSession session(Actor actor, String sessionId) {
    requireSupervisor(actor);
    MonitorSession s = sessions.get(sessionId);
    if (s == null) {
      throw MonitoringException.notFound("monitoring session");
    }
    if (!s.actor.tenantId().equals(actor.tenantId())) {
      throw MonitoringException.forbidden();
    }
    return s;
  }

  // Help signals.

  /** An agent raises (or lowers) help on the own connected call. */
  public HelpRequest raiseHelp(Actor agent, boolean raised) {
    if (agent.role() != Role.AGENT || agent.extension() == null) {
      throw new MonitoringException(MonitoringException.Kind.FORBIDDEN, "only agents ask for help on their own call");
    }
    ActiveCall call = calls.targetByAgent(agent.tenantId(), agent.extension())
        .map(MonitorTarget::snapshot)
        .orElseThrow(() -> MonitoringException.notFound("a call in progress for extension " + agent.extension()));
    if (!raised) {
      clear(call.tenantId(), call.id(), call.agentExtension());
      return null;
    }
    return raise(call, "WEB");
  }

  /** A supervisor acknowledges a help request. */
  public void clearHelp(Actor actor, String callId) {
    requireSupervisor(actor);
    HelpRequest h = help.get(callId);
    if (h == null || !h.tenantId().equals(actor.tenantId())) {
      throw MonitoringException.notFound("help request");
    }
    clear(h.tenantId(), callId, h.agentExtension());
  }

  /** Open help requests of the actor's tenant. */
  public List<HelpRequest> help(Actor actor) {
    requireSupervisor(actor);
    return help.values().stream()
        .filter(h -> h.tenantId().equals(actor.tenantId()))
        .sorted(Comparator.comparing(HelpRequest::raisedAt))
        .toList();
  }

  private HelpRequest raise(ActiveCall call, String via) {
    HelpRequest h = new HelpRequest(call.tenantId(), call.id(), call.agentExtension(), clock.instant(), via);
    help.put(call.id(), h);
    LOG.info("call {}: agent {} asks for help ({})", call.id(), call.agentExtension(), via);
    events.publish(new LiveEvent.HelpChanged(call.tenantId(), call.id(), call.agentExtension(), true));
    return h;
  }

  private void clear(String tenantId, String callId, String agentExtension) {
    if (help.remove(callId) != null) {
      events.publish(new LiveEvent.HelpChanged(tenantId, callId, agentExtension, false));
    }
  }

  // CallObserver: from call mailboxes; handed off so a call never waits for a session lock.

  @Override
  public void changed(ActiveCall call) {
    events.publish(new LiveEvent.CallChanged(call.tenantId(), call));
  }

  @Override
  public void ended(ActiveCall last) {
    events.publish(new LiveEvent.CallEnded(last.tenantId(), last.id(), last.agentExtension()));
    executor.execute(() -> {
      for (MonitorSession s : sessions.values()) {
        if (s.callId.equals(last.id())) {
          finish(s, s.actor, "call ended");
        }
      }
      clear(last.tenantId(), last.id(), last.agentExtension());
    });
  }

  @Override
  public void helpRequested(ActiveCall call) {
    executor.execute(() -> raise(call, "DTMF"));
  }

  // Checks.

  private MonitorTarget authorize(Actor actor, String callId) {
    requireSupervisor(actor);
    MonitorTarget target = calls.target(callId).orElseThrow(() -> MonitoringException.notFound("call"));
    if (!target.snapshot().tenantId().equals(actor.tenantId())) {
      throw MonitoringException.forbidden();
    }
    return target;
  }

  /** Checks that the actor may monitor the call, without joining it (403/404 before a socket opens). */
  public void check(Actor actor, String callId) {
    authorize(actor, callId);
  }

  /** The call of {@code callId} for an authorized actor (the phone path's own checks use it). */
  MonitorTarget authorizedTarget(Actor actor, String callId) {
    return authorize(actor, callId);
  }

  Optional<MonitorTarget> agentCall(Actor actor, String extension) {
    requireSupervisor(actor);
    return calls.targetByAgent(actor.tenantId(), extension);
  }

  private static void requireSupervisor(Actor actor) {
    if (!actor.maySupervise()) {
      throw MonitoringException.forbidden();
    }
  }

  private void checkNotTakenOver(String callId, MonitorSession self) {
    for (MonitorSession other : sessions.values()) {
      if (other != self && other.callId.equals(callId) && other.mode == MonitorMode.TAKE_OVER) {
        throw MonitoringException.conflict("the call was already taken over by " + other.actor.login());
      }
    }
  }

  private void audit(Actor actor, String action, MonitorSession s, String detail) {
    try {
      audit.append(new AuditEvent(s.actor.tenantId(), clock.instant(), actor.login(), action, "call:" + s.callId,
          detail + " session=" + s.id + " supervisor=" + s.actor.login()));
    } catch (RuntimeException e) {
      // Monitoring without its audit trail is not allowed to go unnoticed, but must not drop the call.
      LOG.error("audit of {} on call {} failed", action, s.callId, e);
    }
  }

  private static short[] notice() {
    short[] beep = Tones.sine8k(1400, 80, 3000);
    short[] out = new short[beep.length * 3];
    System.arraycopy(beep, 0, out, 0, beep.length);
    System.arraycopy(beep, 0, out, beep.length * 2, beep.length);
    return out;
  }
}

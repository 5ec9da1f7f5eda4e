package org.atalaya.web.live;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.atalaya.core.agents.Agent;
import org.atalaya.core.agents.AgentAccounts;
import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.calls.ActiveCalls;
import org.atalaya.core.calls.CallAdmission;
import org.atalaya.core.monitoring.Actor;
import org.atalaya.core.monitoring.HelpRequest;
import org.atalaya.core.monitoring.SessionView;
import org.atalaya.core.recording.RecordingRepository;
import org.atalaya.core.routing.AgentState;
import org.atalaya.core.routing.AgentStatus;
import org.atalaya.sip.DigestGuard;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/** {@code GET /api/v1/dashboard}: everything the supervisor dashboard shows, in one read. */
public final class DashboardRoutes {
  private static final int RECENT_RECORDINGS = 10;
  private final Authenticator auth;
  private final LiveServices live;
  private final ActiveCalls activeCalls;
  private final AgentAccounts agents;
  private final RecordingRepository recordings;

  public DashboardRoutes(Authenticator auth, LiveServices live, ActiveCalls activeCalls, AgentAccounts agents,
      RecordingRepository recordings) {
    this.auth = auth;
    this.live = live;
    this.activeCalls = activeCalls;
    this.agents = agents;
    this.recordings = recordings;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/dashboard", this::dashboard);
  }

  /** One live call with who is monitoring it and whether its agent asked for help. */
  public record CallRow(String id, String fromNumber, String fromName, String toNumber, String queue,
      String agentExtension, String state, Instant startedAt, Instant answeredAt, boolean help,
      List<MonitorRow> monitors, boolean sensitive) {}

  public record MonitorRow(String sessionId, String supervisor, String mode, String via) {}

  public record AgentRow(String extension, String name, String state, Instant since, String pauseReason, int calls,
      long talkSeconds) {}

  /** A queue now: calls waiting, the oldest of them, and the agents who serve it (logged in, not paused). */
  public record QueueRow(String name, String strategy, int waiting, Instant oldestWaitingSince, int servingAgents) {}

  public record RecordingRow(String id, String callId, String agentExtension, String fromNumber, Instant startedAt,
      long durationMs, String status) {}

  /**
   * Callers this node turned away with 503 since it started ({@code CallAdmission}), by reason
   * (overload, rate, concurrent), with the limits that did it.
   */
  public record AdmissionRow(long refused, Map<String, Long> byReason, Instant lastRefusedAt, int maxConcurrent,
      int maxPerSecond, long overloadDelayMillis) {}

  /**
   * SIP password guessing this node stopped since it started: addresses blocked now and in all,
   * accounts protected, and the last block (the address, the account it tried, until when).
   */
  public record GuessingRow(int blockedNow, long blocks, long protections, String lastSource, String lastAccount,
      Instant lastUntil) {}

  /** {@code admission} and {@code guessing} are null for a tenant this node does not route calls for. */
  public record Dashboard(List<CallRow> calls, List<AgentRow> agents, List<HelpRequest> help,
      List<SessionView> sessions, List<RecordingRow> recordings, List<QueueRow> queues, AdmissionRow admission,
      GuessingRow guessing) {}

  private void dashboard(Context ctx) {
    Principal p = auth.require(ctx);
    Actors.requireSupervisor(p);
    Actor actor = Actors.of(p);
    List<SessionView> sessions = live.monitoring().sessions(actor);
    List<HelpRequest> help = live.monitoring().help(actor);
    Map<String, List<MonitorRow>> monitorsByCall = sessions.stream().collect(Collectors.groupingBy(SessionView::callId,
        Collectors.mapping(s -> new MonitorRow(s.sessionId(), s.supervisor(), s.mode().name(), s.via().name()),
            Collectors.toList())));
    var helpCalls = help.stream().map(HelpRequest::callId).collect(Collectors.toSet());
    List<CallRow> calls = activeCalls.list(p.tenantId()).stream().map((ActiveCall c) -> new CallRow(c.id(),
        c.fromNumber(), c.fromName(), c.toNumber(), c.queue(), c.agentExtension(), c.state().name(), c.startedAt(),
        c.answeredAt(), helpCalls.contains(c.id()), monitorsByCall.getOrDefault(c.id(), List.of()), c.sensitive()))
        .toList();
    Map<String, AgentStatus> states = live.acd().agents().stream()
        .collect(Collectors.toMap(AgentStatus::extension, Function.identity(), (a, b) -> a));
    List<AgentRow> agentRows = agents.list(p.tenantId()).stream().map((Agent a) -> {
      AgentStatus s = states.get(a.extension());
      return s == null ? new AgentRow(a.extension(), a.name(), AgentState.OFFLINE.name(), null, null, 0, 0)
          : new AgentRow(a.extension(), a.name(), s.state().name(), s.since(), s.pauseReason(), s.calls(),
              s.talk().toSeconds());
    }).toList();
    List<RecordingRow> recent = recordings.list(p.tenantId(), null, 0, RECENT_RECORDINGS).stream()
        .map(r -> new RecordingRow(r.id(), r.callId(), r.agentExtension(), r.fromNumber(), r.startedAt(),
            r.durationMillis(), r.status().name()))
        .toList();
    ctx.json(new Dashboard(calls, agentRows, help, sessions, recent, queues(p.tenantId(), calls),
        live.routes(p.tenantId()) ? admission(live.admission().get()) : null,
        live.routes(p.tenantId()) ? guessing(live.sipGuard().get()) : null));
  }

  private static GuessingRow guessing(DigestGuard.Status s) {
    return switch (s.last()) {
      case null -> new GuessingRow(s.blockedNow(), s.blocks(), s.protections(), null, null, null);
      case DigestGuard.Event.SourceBlocked b -> new GuessingRow(s.blockedNow(), s.blocks(),
          s.protections(), b.source(), b.lastAccount(), b.until());
      case DigestGuard.Event.AccountProtected a -> new GuessingRow(s.blockedNow(), s.blocks(),
          s.protections(), a.lastSource(), a.account(), a.until());
    };
  }

  private static AdmissionRow admission(CallAdmission.Status s) {
    Map<String, Long> byReason = new java.util.TreeMap<>();
    s.refused().forEach((reason, n) -> byReason.put(reason.name().toLowerCase(java.util.Locale.ROOT), n));
    return new AdmissionRow(s.refusedTotal(), byReason, s.lastRefusedAt(), s.limits().maxConcurrent(),
        s.limits().maxPerSecond(), s.limits().overloadDelay().toMillis());
  }

  /**
   * The configured queues (if this node routes the tenant's calls) and any other a live call of
   * the tenant is in, with what waits there now.
   */
  private List<QueueRow> queues(String tenant, List<CallRow> calls) {
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    if (live.routes(tenant)) {
      live.acd().queues().forEach(q -> names.add(q.name()));
    }
    calls.forEach(c -> names.add(c.queue()));
    return names.stream().map(name -> {
      var q = live.acd().queue(name);
      Instant oldest = calls.stream().filter(c -> c.queue().equals(name) && "QUEUED".equals(c.state()))
          .map(CallRow::startedAt).min(Instant::compareTo).orElse(null);
      return new QueueRow(name, q.strategy().apiName(), live.acd().waiting(name), oldest,
          live.acd().servingAgents(name));
    }).toList();
  }
}

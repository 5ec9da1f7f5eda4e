package org.atalaya.web;

import java.time.Clock;
import java.util.Objects;
import org.atalaya.core.agents.AgentAccounts;
import org.atalaya.core.audit.AuditCheckpoints;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.calls.ActiveCalls;
import org.atalaya.core.calls.CallRecordRepository;
import org.atalaya.core.ivr.IvrRepository;
import org.atalaya.core.library.Library;
import org.atalaya.core.recording.RecordingRepository;
import org.atalaya.core.recording.RecordingStore;
import org.atalaya.core.routing.AgentActivityRepository;
import org.atalaya.core.users.ApiTokens;
import org.atalaya.core.users.LoginGuard;
import org.atalaya.core.users.UserAccounts;
import org.atalaya.web.live.LiveServices;

/**
 * Everything the web layer needs from the rest of Atalaya, built by the app's Main.
 *
 * <p>{@code agentRemoval} exists because AgentAccounts has no delete yet: pass
 * {@code agentRepository::delete}; when null, {@code DELETE /api/v1/agents/{extension}} answers
 * 501. Without {@code live} (tests of the recording API alone) the dashboard, events and
 * monitoring endpoints are not registered. {@code audit} receives every access to recordings and
 * every change made through the API. {@code logins} checks passwords with lockout and audits
 * logins; {@code tokens} holds the integrations' API tokens; {@code ivr} the IVR flows and hours;
 * {@code activity} the agents' state history the KPIs take occupancy and wrap-up from;
 * {@code auditCheckpoints} the signed anchors the audit verify compares the log's end with.
 */
public record WebDependencies(
    UserAccounts users,
    AgentAccounts agents,
    CallRecordRepository calls,
    RecordingRepository recordings,
    RecordingStore recordingStore,
    ActiveCalls activeCalls,
    Clock clock,
    AgentRemoval agentRemoval,
    LiveServices live,
    AuditLog audit,
    LoginGuard logins,
    ApiTokens tokens,
    Library library,
    IvrRepository ivr,
    AgentActivityRepository activity,
    AuditCheckpoints auditCheckpoints) {
  public WebDependencies {
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(agents, "agents");
    Objects.requireNonNull(calls, "calls");
    Objects.requireNonNull(recordings, "recordings");
    Objects.requireNonNull(recordingStore, "recordingStore");
    Objects.requireNonNull(activeCalls, "activeCalls");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(logins, "logins");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(library, "library");
    Objects.requireNonNull(ivr, "ivr");
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(auditCheckpoints, "auditCheckpoints");
  }

  /** Without audit checkpoints: the API's verify then checks the chain and says there is no checkpoint yet. */
  public WebDependencies(UserAccounts users, AgentAccounts agents, CallRecordRepository calls,
      RecordingRepository recordings, RecordingStore recordingStore, ActiveCalls activeCalls, Clock clock,
      AgentRemoval agentRemoval, LiveServices live, AuditLog audit,
      LoginGuard logins, ApiTokens tokens,
      Library library, IvrRepository ivr,
      AgentActivityRepository activity) {
    this(users, agents, calls, recordings, recordingStore, activeCalls, clock, agentRemoval, live, audit, logins, tokens,
        library, ivr, activity, AuditCheckpoints.NONE);
  }

  /** Removes an agent of a tenant; true if it existed there. {@code AgentRepository::delete} fits. */
  @FunctionalInterface
  public interface AgentRemoval {
    boolean delete(String tenantId, String extension);
  }
}

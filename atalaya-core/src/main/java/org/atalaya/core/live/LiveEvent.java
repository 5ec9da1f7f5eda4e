package org.atalaya.core.live;

import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.routing.AgentStatus;
import org.atalaya.core.sla.SlaAlert;

/**
 * Something the supervisor dashboard or an agent's view shows as it happens. Each event belongs
 * to one tenant and is only ever delivered to that tenant's viewers.
 */
public sealed interface LiveEvent {
  String tenantId();

  /** The event name on the wire: calls, agents, help, monitor, notice, sla-breach or sla-at-risk. */
  String type();

  /** A live call changed state (queued, ringing, connected, on hold...). */
  record CallChanged(String tenantId, ActiveCall call) implements LiveEvent {
    @Override
    public String type() {
      return "calls";
    }
  }

  /** A live call ended. */
  record CallEnded(String tenantId, String callId, String agentExtension) implements LiveEvent {
    @Override
    public String type() {
      return "calls";
    }
  }

  /** An agent's presence changed (the ACD has no tenant: the web layer filters by agent list). */
  record AgentChanged(String tenantId, AgentStatus agent) implements LiveEvent {
    @Override
    public String type() {
      return "agents";
    }
  }

  /** An agent raised or lowered a help request on a call, or a supervisor acknowledged it. */
  record HelpChanged(String tenantId, String callId, String agentExtension, boolean raised) implements LiveEvent {
    @Override
    public String type() {
      return "help";
    }
  }

  /** A monitoring session started, changed mode ({@code mode} set) or ended ({@code mode} null). */
  record MonitorChanged(String tenantId, String sessionId, String callId, String supervisor, String mode)
      implements LiveEvent {
    @Override
    public String type() {
      return "monitor";
    }
  }

  /**
   * For the agent only: a supervisor began to whisper, barge or take over on the agent's call,
   * or stopped ({@code mode} ENDED). Listening is never announced.
   */
  record AgentNotice(String tenantId, String agentExtension, String callId, String mode) implements LiveEvent {
    @Override
    public String type() {
      return "notice";
    }
  }

  /** An SLA breached in the period that just closed ("sla-breach"), or is failing in this one ("sla-at-risk"). */
  record SlaAlerted(String tenantId, SlaAlert alert) implements LiveEvent {
    @Override
    public String type() {
      return alert.kind() == SlaAlert.Kind.BREACH ? "sla-breach" : "sla-at-risk";
    }
  }
}

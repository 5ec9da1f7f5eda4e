package org.atalaya.web.live;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.atalaya.core.live.LiveEvents;
import org.atalaya.core.monitoring.MonitoringService;
import org.atalaya.core.monitoring.PhoneMonitoring;
import org.atalaya.core.routing.AgentStatus;

/**
 * What the dashboard, the agent view and monitoring need from a running node.
 *
 * @param monitoring sessions, modes, help requests
 * @param phone "call me" (rings the supervisor's phone)
 * @param events the live event bus the SSE stream follows
 * @param agentStates every registered agent's presence (the ACD's view)
 * @param recordingControl the sensitive segment switch and on-demand recording of live calls
 * @param policies the tenants' recording policies
 * @param retention retention, legal holds, erasure and deletion
 */
public record LiveServices(
    MonitoringService monitoring, PhoneMonitoring phone, LiveEvents events, Supplier<List<AgentStatus>> agentStates,
    org.atalaya.core.calls.CallRecordingControl recordingControl,
    org.atalaya.core.recording.policy.PolicyService policies,
    org.atalaya.core.retention.RetentionService retention) {
  public LiveServices {
    Objects.requireNonNull(monitoring, "monitoring");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(agentStates, "agentStates");
    Objects.requireNonNull(recordingControl, "recordingControl");
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(retention, "retention");
  }
}

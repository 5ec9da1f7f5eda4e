package org.atalaya.web.live;

import java.util.Objects;
import org.atalaya.core.calls.CallAdmission;
import org.atalaya.core.calls.CallRecordingControl;
import org.atalaya.core.calls.CallTransfers;
import org.atalaya.core.live.LiveEvents;
import org.atalaya.core.monitoring.MonitoringService;
import org.atalaya.core.monitoring.PhoneMonitoring;
import org.atalaya.core.recording.policy.PolicyService;
import org.atalaya.core.retention.RetentionService;
import org.atalaya.core.routing.Acd;
import org.atalaya.core.routing.RoutingConfig;
import org.atalaya.sip.DigestGuard;

/**
 * What the dashboard, the agent view and monitoring need from a running node.
 *
 * @param monitoring sessions, modes, help requests
 * @param phone "call me" (rings the supervisor's phone)
 * @param events the live event bus the SSE stream follows
 * @param acd the call distributor: agents' presence, login, pause and wrap-up, queues
 * @param recordingControl the sensitive segment switch and on-demand recording of live calls
 * @param transfers blind and attended transfers of live calls
 * @param policies the tenants' recording policies
 * @param retention retention, legal holds, erasure and deletion
 * @param routingSaved told of a tenant's new routing document, for the node's ACD to apply when
 *     it serves that tenant
 * @param tenant the tenant whose calls this node routes: its ACD's queues and pause reasons are
 *     that tenant's, and nobody else's to see
 * @param admission the node's call limits and the calls they refused, that tenant's too
 * @param sipGuard the node's SIP password-guessing defence: addresses blocked, accounts protected
 */
public record LiveServices(
    MonitoringService monitoring, PhoneMonitoring phone, LiveEvents events, Acd acd,
    CallRecordingControl recordingControl,
    CallTransfers transfers,
    PolicyService policies,
    RetentionService retention,
    java.util.function.BiConsumer<String, RoutingConfig> routingSaved, String tenant,
    java.util.function.Supplier<CallAdmission.Status> admission,
    java.util.function.Supplier<DigestGuard.Status> sipGuard) {
  public LiveServices {
    Objects.requireNonNull(monitoring, "monitoring");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(acd, "acd");
    Objects.requireNonNull(recordingControl, "recordingControl");
    Objects.requireNonNull(transfers, "transfers");
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(routingSaved, "routingSaved");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(admission, "admission");
    Objects.requireNonNull(sipGuard, "sipGuard");
  }

  /** Whether this node's ACD routes {@code tenantId}'s calls. */
  public boolean routes(String tenantId) {
    return tenant.equals(tenantId);
  }
}

package org.atalaya.core.recording;

import java.time.Clock;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.calls.CallObserver;

/**
 * Writes to the audit log every change made to a live call's recording: the sensitive segment
 * switched on or off (who paused the recording, when), and on-demand starts and stops.
 */
public final class RecordingAudit implements CallObserver {
  private final AuditLog audit;
  private final Clock clock;

  public RecordingAudit(AuditLog audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void sensitiveChanged(ActiveCall call, boolean on, String actor) {
    audit.append(new AuditEvent(call.tenantId(), clock.instant(), actor, on ? "recording.pause" : "recording.resume",
        "call:" + call.id(), "sensitive segment" + (call.agentExtension() == null ? "" : " agent=" + call.agentExtension())));
  }

  @Override
  public void recordingChanged(ActiveCall call, boolean on, String actor) {
    audit.append(new AuditEvent(call.tenantId(), clock.instant(), actor, on ? "recording.start" : "recording.stop",
        "call:" + call.id(), "on demand" + (call.agentExtension() == null ? "" : " agent=" + call.agentExtension())));
  }
}

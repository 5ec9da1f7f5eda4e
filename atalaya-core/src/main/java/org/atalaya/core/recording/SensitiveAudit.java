package org.atalaya.core.recording;

import java.time.Clock;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.calls.CallObserver;

/** Writes every switch of a call's sensitive segment to the audit log: who paused the recording, when. */
public final class SensitiveAudit implements CallObserver {
  private final AuditLog audit;
  private final Clock clock;

  public SensitiveAudit(AuditLog audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void sensitiveChanged(ActiveCall call, boolean on, String actor) {
    audit.append(new AuditEvent(call.tenantId(), clock.instant(), actor, on ? "recording.pause" : "recording.resume",
        "call:" + call.id(), "sensitive segment" + (call.agentExtension() == null ? "" : " agent=" + call.agentExtension())));
  }
}

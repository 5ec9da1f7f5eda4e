package org.atalaya.core.calls;

import java.time.Instant;
import org.atalaya.sip.InboundCall;

/**
 * What never changes about a customer call (who called which number, when, in which tenant), and the views built from it: the live snapshot and the final call record.
 */
record CallIdentity(String id, String tenantId, InboundCall inbound, Instant startedAt) {
  ActiveCall snapshot(String queue, ActiveCall.State state, String agent, Instant answeredAt, boolean sensitive) {
    return new ActiveCall(id, tenantId, inbound.fromUser(), inbound.fromDisplayName(), inbound.toUser(), queue, agent,
        state, startedAt, answeredAt, sensitive);
  }

  CallRecord record(String queue, String agent, Instant answeredAt, Instant endedAt, Disposition disposition,
      String endedBy, String recordingId, String consent, Instant queuedAt, long holdSeconds,
      java.util.List<AgentSegment> segments, int transfers, Integer csat, boolean callback) {
    return new CallRecord(id, tenantId, inbound.callId(), inbound.fromUser(), inbound.fromDisplayName(),
        inbound.toUser(), queue, agent, startedAt, answeredAt, endedAt, disposition, endedBy, recordingId, consent, queuedAt, holdSeconds, transfers,
        segments, csat, callback);
  }
}

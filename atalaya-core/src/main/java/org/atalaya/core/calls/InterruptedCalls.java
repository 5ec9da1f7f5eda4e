package org.atalaya.core.calls;

import java.util.Objects;
import org.atalaya.core.recording.RecordingInfo;

/**
 * Writes the call detail record a crash prevented: a call is logged when it ends, so a call cut
 * by a process crash would otherwise exist only as its recovered recording, missing from call
 * lists and KPIs. The record says ANSWERED (it was recorded, so an agent had answered), ended
 * by {@code crash}, at the end of the audio that was kept.
 */
public final class InterruptedCalls {
  public static final String ENDED_BY_CRASH = "crash";
  private final CallRecordRepository calls;
  private final String queue;

  public InterruptedCalls(CallRecordRepository calls, String queue) {
    this.calls = Objects.requireNonNull(calls);
    this.queue = queue;
  }

  /** Records the call of a recovered recording, unless its record exists. */
  public void recordFor(RecordingInfo r) {
    if (calls.byId(r.tenantId(), r.callId()).isPresent()) {
      return;
    }
    calls.insert(new CallRecord(r.callId(), r.tenantId(), null, r.fromNumber(), "", r.toNumber(), queue,
        r.agentExtension(), r.startedAt(), r.startedAt(), r.startedAt().plusMillis(r.durationMillis()),
        Disposition.ANSWERED, ENDED_BY_CRASH, r.id()));
  }
}

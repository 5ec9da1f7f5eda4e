package org.atalaya.core.calls;

import org.atalaya.core.recording.RecordingService.ActiveRecording;
import org.atalaya.media.Bridge;

/**
 * The sensitive segment (card data) of one customer call. It belongs to the customer's call, not
 * to a bridge or an agent leg, so it holds across a take-over (and a transfer): every bridge the
 * call gets starts in the current state. Switching off marks the silent span as a gap of the
 * recording.
 *
 * <p>Threading: confined to the call's mailbox.
 */
final class SensitiveSegment {
  static final String GAP_REASON = "sensitive";
  private boolean on;
  private long sinceMillis; // position in the recording (0 if switched on before it started)

  boolean isOn() {
    return on;
  }

  /** Switches; false when it already was in that state. */
  boolean turn(boolean on, Bridge bridge, ActiveRecording recording) {
    if (this.on == on) {
      return false;
    }
    this.on = on;
    if (bridge != null) {
      bridge.sensitive(on);
    }
    if (on) {
      sinceMillis = recording == null ? 0 : recording.positionMillis();
    } else if (recording != null) {
      recording.markGap(sinceMillis, recording.positionMillis(), GAP_REASON);
    }
    return true;
  }

  /** A new bridge (the agent answered, a transfer) starts in the current state. */
  void applyTo(Bridge bridge) {
    if (on) {
      bridge.sensitive(true);
    }
  }

  /** The call ends: a segment still on closes its gap at the end of the recording. */
  void close(ActiveRecording recording) {
    if (on && recording != null) {
      recording.markGap(sinceMillis, recording.positionMillis(), GAP_REASON);
    }
  }
}

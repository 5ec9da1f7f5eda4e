package org.atalaya.core.calls;

import java.time.Duration;
import java.time.Instant;

/** How long a connected caller has been on hold, over every hold of the call. Mailbox-confined. */
final class HoldClock {
  private boolean onHold;
  private Instant since;
  private Duration held = Duration.ZERO;

  /** Whether the call is on hold now. */
  boolean onHold() {
    return onHold;
  }

  /** Records a hold or resume at {@code now}; false when nothing changed. */
  boolean set(boolean hold, Instant now) {
    if (hold == onHold) {
      return false;
    }
    onHold = hold;
    if (hold) {
      since = now;
    } else {
      held = held.plus(Duration.between(since, now));
    }
    return true;
  }

  /** Total time on hold up to {@code now}, a hold still running included. */
  Duration total(Instant now) {
    return onHold ? held.plus(Duration.between(since, now)) : held;
  }
}

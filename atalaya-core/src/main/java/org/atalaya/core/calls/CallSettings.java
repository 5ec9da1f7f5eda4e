package org.atalaya.core.calls;

import java.time.Duration;
import java.util.Objects;

/**
 * How the default queue treats calls.
 *
 * @param tenantId tenant of calls arriving on this node (single-tenant for now)
 * @param queue the queue name written to call records
 * @param ringTimeout how long one agent rings before the next is tried
 * @param maxWait how long a caller waits for any agent before hearing the no-agents message
 * @param promptLanguage language of the prompts callers hear ("es" or "en")
 * @param mediaTimeout how long a caller or agent may send no RTP before the call hangs up on them
 *     ({@link MediaWatch}); zero: never
 * @param admission when new customer calls are refused with 503 ({@link CallAdmission})
 */
public record CallSettings(String tenantId, String queue, Duration ringTimeout, Duration maxWait, String promptLanguage,
    Duration mediaTimeout, CallAdmission.Limits admission) {
  public CallSettings {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(promptLanguage, "promptLanguage");
    Objects.requireNonNull(admission, "admission");
    if (ringTimeout.isNegative() || ringTimeout.isZero()) {
      throw new IllegalArgumentException("ring timeout must be positive: " + ringTimeout);
    }
    if (maxWait.compareTo(ringTimeout) < 0) {
      throw new IllegalArgumentException("max wait (" + maxWait + ") must be at least the ring timeout (" + ringTimeout + ")");
    }
    if (mediaTimeout.isNegative()) {
      throw new IllegalArgumentException("media timeout must not be negative: " + mediaTimeout);
    }
  }
}

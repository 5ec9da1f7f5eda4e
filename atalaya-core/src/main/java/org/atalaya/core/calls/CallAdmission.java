package org.atalaya.core.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a new customer call may come in, decided on the SIP thread before any work is done for
 * it; a call refused gets 503 Service Unavailable with a Retry-After, which a carrier or SBC takes
 * as "try another route" (RFC 3261 21.5.4), and costs the node next to nothing.
 *
 * <p>Without it an overloaded node answered every call later and later: the load bench offered
 * 200 calls/s to a node that keeps up with about 150 and every answer came 8-17 s late, while the
 * callers retransmitted their INVITEs into the backlog. Three limits, each off at 0:
 * <ul>
 *   <li><b>overload</b>: while the oldest call still waiting for its answer has waited longer
 *       than {@code overloadDelay}, new calls are refused until the node catches up. It needs no
 *       sizing: a node that keeps pace answers in milliseconds whatever its hardware.
 *   <li><b>rate</b>: at most {@code maxPerSecond} new calls a second, in bursts of up to a
 *       second's worth (a token bucket), as FreeSWITCH's sessions-per-second;
 *   <li><b>concurrent</b>: at most {@code maxConcurrent} customer calls at once (in the IVR,
 *       queued or talking), as FreeSWITCH's max-sessions or Asterisk's maxcalls.
 * </ul>
 * Agents' own calls (feature codes, monitoring) are never refused.
 *
 * <p>Threading: {@link #check} and {@link #arrived} on SIP threads, {@link #answered} in the
 * call's mailbox; the bucket is guarded by this object's lock, the rest is concurrent.
 */
public final class CallAdmission {
  private static final Logger LOG = LoggerFactory.getLogger(CallAdmission.class);
  /** Refusals are logged at most this often, with how many there were since. */
  private static final long LOG_EVERY_MILLIS = 10_000;

  /**
   * @param maxConcurrent customer calls at once; 0: no limit. A soft limit: INVITEs arriving in
   *     the same instant on different SIP threads are each checked before either call is up
   * @param maxPerSecond new customer calls per second; 0: no limit
   * @param overloadDelay refuse new calls while a call has waited longer than this for its answer;
   *     zero: never
   */
  public record Limits(int maxConcurrent, int maxPerSecond, Duration overloadDelay) {
    /** No limit at all. */
    public static final Limits NONE = new Limits(0, 0, Duration.ZERO);

    public Limits {
      if (maxConcurrent < 0 || maxPerSecond < 0) {
        throw new IllegalArgumentException("call limits must not be negative: " + maxConcurrent + ", " + maxPerSecond);
      }
      if (overloadDelay.isNegative()) {
        throw new IllegalArgumentException("overload delay must not be negative: " + overloadDelay);
      }
    }
  }

  /** Why a call was refused. */
  public enum Reason { OVERLOAD, RATE, CONCURRENT }

  /** A refused call: the reason, and the Retry-After to send with the 503. */
  public record Refusal(Reason reason, int retryAfterSeconds) {}

  /**
   * What admission has done since the node started, for the supervisor's dashboard: a caller
   * turned away is a customer lost, and the reason tells whether the node or a limit did it.
   *
   * @param limits the limits in force
   * @param refused calls refused, by reason (every reason present)
   * @param lastRefusedAt when the last call was refused; null if none was
   */
  public record Status(Limits limits, Map<Reason, Long> refused, Instant lastRefusedAt) {
    public Status {
      refused = Map.copyOf(refused);
    }

    /** Calls refused for any reason. */
    public long refusedTotal() {
      return refused.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final Limits limits;
  private final Clock clock;
  /** Calls let in whose answer has not been decided yet, by call id: when each arrived. */
  private final Map<String, Long> unanswered = new ConcurrentHashMap<>();
  private final Map<Reason, AtomicLong> refusedBy = new EnumMap<>(Reason.class);
  private volatile long lastRefusedAt = Long.MIN_VALUE;
  private double tokens;
  private long refilledAt;
  private long loggedAt = Long.MIN_VALUE;
  private long refusedAtLog;

  public CallAdmission(Limits limits, Clock clock) {
    this.limits = Objects.requireNonNull(limits);
    this.clock = Objects.requireNonNull(clock);
    this.tokens = limits.maxPerSecond();
    this.refilledAt = clock.millis();
    for (Reason r : Reason.values()) {
      refusedBy.put(r, new AtomicLong());
    }
  }

  /**
   * Whether a new customer call may come in while {@code liveCalls} are up; a call let in must be
   * passed to {@link #arrived}. Empty: admitted (and, with a rate limit, one second's token used).
   */
  public Optional<Refusal> check(int liveCalls) {
    long now = clock.millis();
    Refusal no = null;
    if (limits.maxConcurrent() > 0 && liveCalls >= limits.maxConcurrent()) {
      no = new Refusal(Reason.CONCURRENT, 5);
    } else if (!limits.overloadDelay().isZero() && oldestWait(now) > limits.overloadDelay().toMillis()) {
      no = new Refusal(Reason.OVERLOAD, 2);
    } else if (limits.maxPerSecond() > 0 && !takeToken(now)) {
      no = new Refusal(Reason.RATE, 1);
    }
    if (no != null) {
      refusedBy.get(no.reason()).incrementAndGet();
      lastRefusedAt = now;
      log(no, now, liveCalls);
    }
    return Optional.ofNullable(no);
  }

  /** A call let in is waiting for its answer from now. */
  public void arrived(String callId) {
    unanswered.put(callId, clock.millis());
  }

  /** The call was answered, refused or given up on: it no longer counts as waiting. */
  public void answered(String callId) {
    unanswered.remove(callId);
  }

  /** Calls refused since the node started. */
  public long refused() {
    return status().refusedTotal();
  }

  /** The limits and the calls refused since the node started. */
  public Status status() {
    Map<Reason, Long> by = new EnumMap<>(Reason.class);
    refusedBy.forEach((reason, n) -> by.put(reason, n.get()));
    long last = lastRefusedAt;
    return new Status(limits, by, last == Long.MIN_VALUE ? null : Instant.ofEpochMilli(last));
  }

  /** Whether calls must be tracked from arrival to answer: only the overload limit needs it. */
  public boolean tracksAnswers() {
    return !limits.overloadDelay().isZero();
  }

  /** How long the oldest call still waiting for its answer has waited, in ms; 0 when none waits. */
  long oldestWait(long now) {
    long oldest = now;
    for (long at : unanswered.values()) {
      oldest = Math.min(oldest, at);
    }
    return now - oldest;
  }

  private synchronized boolean takeToken(long now) {
    int rate = limits.maxPerSecond();
    if (now > refilledAt) {
      tokens = Math.min(rate, tokens + (now - refilledAt) * rate / 1000.0);
      refilledAt = now;
    }
    if (tokens < 1) {
      return false;
    }
    tokens--;
    return true;
  }

  private synchronized void log(Refusal no, long now, int liveCalls) {
    if (loggedAt != Long.MIN_VALUE && now - loggedAt < LOG_EVERY_MILLIS) {
      return;
    }
    long total = refused();
    String why = switch (no.reason()) {
      case OVERLOAD -> "a call has waited " + oldestWait(now) + " ms for its answer (limit "
          + limits.overloadDelay().toMillis() + " ms): the node is overloaded";
      case RATE -> "over " + limits.maxPerSecond() + " new calls a second";
      case CONCURRENT -> liveCalls + " calls up (limit " + limits.maxConcurrent() + ")";
    };
    LOG.warn("refusing new calls with 503: {}; {} refused since the last warning", why, total - refusedAtLog);
    loggedAt = now;
    refusedAtLog = total;
  }
}

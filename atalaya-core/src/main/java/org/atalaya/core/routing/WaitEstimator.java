package org.atalaya.core.routing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The estimated wait a queued caller is told: its place in the queue times the queue's recent
 * handle time, shared among the agents serving the queue. With one agent and five-minute calls,
 * the third caller waits about fifteen minutes; with three agents, about five.
 *
 * <p>The handle time (talk plus wrap-up) is an exponentially weighted mean of the queue's calls,
 * each new call weighing a quarter, as Asterisk weighs its queue hold time: it follows a change
 * in the kind of calls within a few calls, and one very long call does not swing it for the
 * rest of the day. A queue that has handled no call yet has no estimate: the caller is told its
 * place only, never a made-up wait.
 *
 * <p>Not thread-safe: the {@link Acd} holds it under its lock.
 */
final class WaitEstimator {
  private static final double WEIGHT = 0.25;
  private final Map<String, Double> handleSeconds = new HashMap<>();

  /** One call of {@code queue} handled (answered to the end of its wrap-up) in {@code handle}. */
  void handled(String queue, Duration handle) {
    if (queue == null || handle.isNegative()) {
      return;
    }
    double seconds = handle.toMillis() / 1000.0;
    handleSeconds.merge(queue, seconds, (old, now) -> old + WEIGHT * (now - old));
  }

  /** The queue's recent handle time, if it has handled a call. */
  Optional<Duration> handleTime(String queue) {
    Double s = handleSeconds.get(queue);
    return s == null ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(s * 1000)));
  }

  /**
   * The wait of the caller at {@code position} (1: next) with {@code agents} serving the queue;
   * empty without history, or when nobody serves the queue (the wait has no end to estimate).
   */
  Optional<Duration> estimate(String queue, int position, int agents) {
    Double s = handleSeconds.get(queue);
    if (s == null || position < 1 || agents < 1) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(Math.round(position * s * 1000 / agents)));
  }
}

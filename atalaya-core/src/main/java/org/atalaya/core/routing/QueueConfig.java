package org.atalaya.core.routing;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one queue routes: who may take its calls (skills with a minimum level), whom it picks
 * first, how long an agent wraps up after a call, and what happens when nobody answers in time.
 *
 * @param name the queue's name, written into call records ({@code technical}, {@code finance})
 * @param strategy whom to offer a call to among the free agents
 * @param skills skill name to the minimum level (1-10) an agent needs to take the queue's calls;
 *     empty: every logged-in agent
 * @param wrapUp after-call work: the agent is not offered calls for this long after hanging up
 * @param maxWait how long a caller waits before overflowing (or hearing the no-agents message)
 * @param overflow the queue a caller moves to after {@code maxWait}, or null
 * @param serviceLevelSeconds answered within this many seconds counts towards service level
 * @param csatSurvey whether a caller whose agent hangs up first is asked to rate the call (1-5)
 * @param callbackKey the key a waiting caller presses to be called back instead (0-9, * or #),
 *     or null when the queue offers no callbacks
 * @param announceEvery how often a waiting caller hears its place in the queue and the estimated
 *     wait (also once as it enters the queue); zero: never, the caller hears only music
 * @param voicemail whether a caller nobody can take (max wait passed and no overflow, or nobody
 *     serves the queue) may leave a message in the queue's mailbox instead of hearing the
 *     no-agents message and being hung up
 */
public record QueueConfig(String name, Strategy strategy, Map<String, Integer> skills, Duration wrapUp,
    Duration maxWait, String overflow, int serviceLevelSeconds, boolean csatSurvey, Character callbackKey,
    Duration announceEvery, boolean voicemail) {
  /** The longest wrap-up a queue may set. */
  public static final Duration MAX_WRAP_UP = Duration.ofMinutes(30);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  public QueueConfig {
    Objects.requireNonNull(strategy, "strategy");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("queue name must be 1-64 of a-z, 0-9, '-' and '_', got '" + name + "'");
    }
    skills = Map.copyOf(skills == null ? Map.of() : skills);
    skills.forEach((skill, level) -> {
      if (!NAME.matcher(skill).matches()) {
        throw new IllegalArgumentException("skill name must be 1-64 of a-z, 0-9, '-' and '_', got '" + skill + "'");
      }
      if (level < 1 || level > 10) {
        throw new IllegalArgumentException("skill " + skill + ": level must be 1 to 10, got " + level);
      }
    });
    if (wrapUp.isNegative() || wrapUp.compareTo(MAX_WRAP_UP) > 0) {
      throw new IllegalArgumentException("wrap-up must be 0 to 1800 s, got " + wrapUp.toSeconds());
    }
    if (maxWait.compareTo(Duration.ofSeconds(1)) < 0 || maxWait.compareTo(Duration.ofHours(4)) > 0) {
      throw new IllegalArgumentException("max wait must be 1 s to 4 h, got " + maxWait.toSeconds() + " s");
    }
    if (overflow != null && (overflow.equals(name) || !NAME.matcher(overflow).matches())) {
      throw new IllegalArgumentException("overflow must name another queue, got '" + overflow + "'");
    }
    if (serviceLevelSeconds < 1 || serviceLevelSeconds > 3600) {
      throw new IllegalArgumentException("service level must be 1 to 3600 s, got " + serviceLevelSeconds);
    }
    if (callbackKey != null && "0123456789*#".indexOf(callbackKey) < 0) {
      throw new IllegalArgumentException("callback key must be one of 0-9, * or #, got '" + callbackKey + "'");
    }
    announceEvery = announceEvery == null ? Duration.ZERO : announceEvery;
    if (!announceEvery.isZero()
        && (announceEvery.compareTo(MIN_ANNOUNCE) < 0 || announceEvery.compareTo(Duration.ofMinutes(10)) > 0)) {
      throw new IllegalArgumentException("announcements must come every 15 to 600 s (or 0 for none), got "
          + announceEvery.toSeconds() + " s");
    }
  }

  /** Shorter than this, a caller would hear little but its own position over and over. */
  private static final Duration MIN_ANNOUNCE = Duration.ofSeconds(15);

  public QueueConfig(String name, Strategy strategy, Map<String, Integer> skills, Duration wrapUp, Duration maxWait,
      String overflow, int serviceLevelSeconds, boolean csatSurvey, Character callbackKey) {
    this(name, strategy, skills, wrapUp, maxWait, overflow, serviceLevelSeconds, csatSurvey, callbackKey, Duration.ZERO,
        false);
  }

  public QueueConfig(String name, Strategy strategy, Map<String, Integer> skills, Duration wrapUp, Duration maxWait,
      String overflow, int serviceLevelSeconds) {
    this(name, strategy, skills, wrapUp, maxWait, overflow, serviceLevelSeconds, false, null, Duration.ZERO, false);
  }

  /** A queue anyone logged in may serve, longest idle first, without wrap-up or overflow. */
  public static QueueConfig simple(String name, Duration maxWait) {
    return new QueueConfig(name, Strategy.LONGEST_IDLE, Map.of(), Duration.ZERO, maxWait, null, 20);
  }

  /** Whether an agent with these skills (name to level) may take this queue's calls. */
  public boolean accepts(Map<String, Integer> agentSkills) {
    for (Map.Entry<String, Integer> need : skills.entrySet()) {
      Integer has = agentSkills.get(need.getKey());
      if (has == null || has < need.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** The agent's levels in this queue's skills, summed: among equals, the more skilled first. */
  public int fit(Map<String, Integer> agentSkills) {
    int sum = 0;
    for (String skill : skills.keySet()) {
      sum += agentSkills.getOrDefault(skill, 0);
    }
    return sum;
  }
}

package org.atalaya.core.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tenant's routing as admins write it: its queues, each agent's skills, and the reasons an
 * agent may give for a pause. Checked whole: an overflow must name a queue of the same document.
 *
 * @param queues the queues
 * @param skills extension to skill name to level (1-10)
 * @param pauseReasons what an agent may pause for (codes such as {@code lunch}); the agent's phone
 *     picks one by its position, 1 for the first ({@code *43} + digit)
 * @param trunk where transfers to outside numbers go, or null: such transfers are refused
 */
public record RoutingConfig(List<QueueConfig> queues, Map<String, Map<String, Integer>> skills,
    List<String> pauseReasons, Trunk trunk) {
  /** The reasons when a tenant lists none. */
  public static final List<String> DEFAULT_PAUSE_REASONS = List.of("break", "lunch", "training", "meeting",
      "coaching", "admin");
  private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,10}");
  private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

  public RoutingConfig {
    queues = List.copyOf(queues);
    skills = Map.copyOf(skills);
    pauseReasons = pauseReasons == null || pauseReasons.isEmpty() ? DEFAULT_PAUSE_REASONS : List.copyOf(pauseReasons);
    Set<String> names = new HashSet<>();
    for (QueueConfig q : queues) {
      if (!names.add(q.name())) {
        throw new IllegalArgumentException("queues: '" + q.name() + "' appears twice");
      }
    }
    for (QueueConfig q : queues) {
      if (q.overflow() != null && !names.contains(q.overflow())) {
        throw new IllegalArgumentException("queues." + q.name() + ".overflow: no queue '" + q.overflow() + "'");
      }
    }
    skills.forEach((ext, levels) -> {
      if (!EXTENSION.matcher(ext).matches()) {
        throw new IllegalArgumentException("agents: '" + ext + "' is not an extension (2-10 digits)");
      }
      // The same checks as a queue's requirements: a name, a level of 1 to 10.
      new QueueConfig("check", Strategy.LONGEST_IDLE, levels, java.time.Duration.ZERO, java.time.Duration.ofMinutes(1),
          null, 20);
    });
    if (pauseReasons.size() > 9 || pauseReasons.stream().anyMatch(r -> !REASON.matcher(r).matches())
        || new HashSet<>(pauseReasons).size() != pauseReasons.size()) {
      throw new IllegalArgumentException("pauseReasons: up to 9 distinct codes of a-z, 0-9, '-' and '_'");
    }
  }

  public RoutingConfig(List<QueueConfig> queues, Map<String, Map<String, Integer>> skills, List<String> pauseReasons) {
    this(queues, skills, pauseReasons, null);
  }

  /** No queues configured, no skills: every call is served by anyone, longest idle first. */
  public static final RoutingConfig EMPTY = new RoutingConfig(List.of(), Map.of(), List.of());
}

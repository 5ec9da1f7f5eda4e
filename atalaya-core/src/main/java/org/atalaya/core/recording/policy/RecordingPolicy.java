package org.atalaya.core.recording.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * A tenant's recording policy: a mode (overridable per queue), rules, and the consent
 * announcement. Decided once per call when the agent answers.
 *
 * <p>Precedence: a matching DO_NOT_RECORD rule wins over everything; then the queue's mode, or
 * the tenant's; in SELECTIVE mode a matching RECORD rule records, nothing else does.
 *
 * @param mode the tenant's mode
 * @param queueModes modes of particular queues
 * @param rules in order; their order does not change the outcome
 * @param consent the announcement before the agent is connected
 */
public record RecordingPolicy(RecordingMode mode, Map<String, RecordingMode> queueModes, List<PolicyRule> rules,
    Consent consent) {

  /** Records everything, announces nothing: what a tenant without a stored policy gets. */
  public static final RecordingPolicy DEFAULT = new RecordingPolicy(RecordingMode.ALL, Map.of(), List.of(), Consent.NONE);

  public RecordingPolicy {
    Objects.requireNonNull(mode, "mode");
    queueModes = Map.copyOf(queueModes);
    rules = List.copyOf(rules);
    Objects.requireNonNull(consent, "consent");
  }

  /** What happens to a call's recording. */
  public enum Decision {
    /** Record from the answer. */
    RECORD,
    /** Ready to record, started by the agent or a supervisor. */
    ON_DEMAND,
    /** Not recorded. */
    DO_NOT_RECORD
  }

  /** Decides for one call; {@code dice} yields 0..99 (a random source, injected for tests). */
  public Decision decide(CallTraits call, IntSupplier dice) {
    int roll = dice.getAsInt();
    for (PolicyRule r : rules) {
      if (r.action() == PolicyRule.Action.DO_NOT_RECORD && r.matches(call, roll)) {
        return Decision.DO_NOT_RECORD;
      }
    }
    RecordingMode m = call.queue() == null ? mode : queueModes.getOrDefault(call.queue(), mode);
    return switch (m) {
      case ALL -> Decision.RECORD;
      case ON_DEMAND -> Decision.ON_DEMAND;
      case SELECTIVE -> rules.stream().anyMatch(r -> r.action() == PolicyRule.Action.RECORD && r.matches(call, roll))
          ? Decision.RECORD : Decision.DO_NOT_RECORD;
    };
  }

  /** Whether calls of {@code queue} may be recorded at all (so the consent announcement applies). */
  public boolean mayRecord(String queue) {
    RecordingMode m = queue == null ? mode : queueModes.getOrDefault(queue, mode);
    return m != RecordingMode.SELECTIVE || rules.stream().anyMatch(r -> r.action() == PolicyRule.Action.RECORD);
  }

  /**
   * The consent announcement, played to the caller before any agent is rung.
   *
   * @param announce play it
   * @param optOutKey the key (0-9) that declines recording while it plays, or null for none
   */
  public record Consent(boolean announce, Character optOutKey) {
    public static final Consent NONE = new Consent(false, null);

    public Consent {
      if (optOutKey != null && (optOutKey < '0' || optOutKey > '9')) {
        throw new IllegalArgumentException("optOutKey must be a digit 0-9, got '" + optOutKey + "'");
      }
      if (optOutKey != null && !announce) {
        throw new IllegalArgumentException("an opt-out key needs the announcement on");
      }
    }
  }
}

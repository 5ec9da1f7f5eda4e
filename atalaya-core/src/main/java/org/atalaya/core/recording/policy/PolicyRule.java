package org.atalaya.core.recording.policy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One rule of a recording policy. Every criterion that is set must match; unset (null)
 * criteria match anything. A rule with no criterion matches every call.
 *
 * @param action RECORD, or DO_NOT_RECORD (which wins over everything else)
 * @param queue the queue name
 * @param agent the agent's extension
 * @param direction INBOUND or OUTBOUND
 * @param callerPattern the caller's number as a glob: {@code *} any digits, {@code ?} one
 *     ({@code +3491*} = Madrid numbers)
 * @param newCustomer true: only callers never seen before in the tenant; false: only known ones
 * @param samplePercent 1..100: the rule matches that share of the calls it otherwise matches
 */
public record PolicyRule(Action action, String queue, String agent, String direction, String callerPattern,
    Boolean newCustomer, Integer samplePercent) {

  /** What a matching rule decides. */
  public enum Action { RECORD, DO_NOT_RECORD }

  public PolicyRule {
    if (action == null) {
      throw new IllegalArgumentException("a rule needs an action: record or do-not-record");
    }
    if (direction != null && !direction.equals("INBOUND") && !direction.equals("OUTBOUND")) {
      throw new IllegalArgumentException("direction must be inbound or outbound, got '" + direction + "'");
    }
    if (callerPattern != null && !callerPattern.matches("[+0-9*?]{1,32}")) {
      throw new IllegalArgumentException("callerPattern may hold digits, +, * and ? (up to 32), got '"
          + callerPattern + "'");
    }
    if (samplePercent != null && (samplePercent < 1 || samplePercent > 100)) {
      throw new IllegalArgumentException("samplePercent must be 1..100, got " + samplePercent);
    }
  }

  /** Parses the action as the API writes it: record, do-not-record. */
  public static Action action(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a rule needs an action: record or do-not-record");
    }
    return switch (text.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "record" -> Action.RECORD;
      case "do-not-record" -> Action.DO_NOT_RECORD;
      default -> throw new IllegalArgumentException("unknown rule action '" + text + "': use record or do-not-record");
    };
  }

  /** Whether the call matches every set criterion ({@code roll} is 0..99, drawn once per call). */
  boolean matches(CallTraits call, int roll) {
    return (queue == null || queue.equals(call.queue()))
        && (agent == null || agent.equals(call.agent()))
        && (direction == null || direction.equals(call.direction()))
        && (callerPattern == null || (call.caller() != null && glob(callerPattern).matcher(call.caller()).matches()))
        && (newCustomer == null || newCustomer == call.newCustomer())
        && (samplePercent == null || roll < samplePercent);
  }

  private static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(switch (c) {
        case '*' -> "[0-9]*";
        case '?' -> "[0-9]";
        case '+' -> "\\+";
        default -> String.valueOf(c);
      });
    }
    return Pattern.compile(re.toString());
  }
}

package org.atalaya.core.calls;

import java.util.Locale;
import org.atalaya.core.routing.Trunk;

/**
 * Where an agent sends a connected caller: another agent, a queue, or an outside number (through
 * the tenant's trunk, see {@link org.atalaya.core.routing.Trunk}).
 */
public sealed interface TransferTarget {
  /** One agent by extension: rung when free (blind), or now (attended). */
  record Agent(String extension) implements TransferTarget {}

  /** A queue: its ACD picks the agent. */
  record Queue(String name) implements TransferTarget {}

  /** A number outside, dialled through the tenant's trunk. */
  record External(String number) implements TransferTarget {}

  /**
   * Reads {@code agent:1302}, {@code queue:technical}, {@code external:+34911222333} (or
   * {@code tel:}), or a bare value: a + or 9 digits and more is an outside number, digits up to 8
   * an extension, anything else a queue name. IllegalArgumentException with a user-fit message.
   */
  static TransferTarget parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "a transfer needs a target: agent:<extension>, queue:<name> or external:<number>");
    }
    String t = text.strip();
    int colon = t.indexOf(':');
    String kind = colon < 0 ? null : t.substring(0, colon).toLowerCase(Locale.ROOT);
    String value = colon < 0 ? t : t.substring(colon + 1).strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("transfer target '" + t + "' names nobody");
    }
    if (kind == null) {
      if (looksExternal(value)) {
        return external(value);
      }
      return value.matches("\\d{1,8}") ? new Agent(value) : new Queue(value);
    }
    return switch (kind) {
      case "agent" -> {
        if (!value.matches("\\d{1,8}")) {
          throw new IllegalArgumentException("agent extension '" + value + "' is not 1 to 8 digits");
        }
        yield new Agent(value);
      }
      case "queue" -> new Queue(value);
      case "external", "tel" -> external(value);
      default -> throw new IllegalArgumentException("transfer target kind '" + kind
          + "' is not agent, queue or external");
    };
  }

  /** A + or 9 digits and more: an outside number rather than an extension or a queue name. */
  static boolean looksExternal(String value) {
    return value.startsWith("+") || value.matches("\\d{9,}");
  }

  private static External external(String number) {
    String digits = number.replaceAll("[ .()-]", ""); // as people write numbers: +34 911 22-33-44
    if (!Trunk.NUMBER.matcher(digits).matches()) {
      throw new IllegalArgumentException("'" + number + "' is not a phone number (+ and 3 to 20 digits)");
    }
    return new External(digits);
  }
}

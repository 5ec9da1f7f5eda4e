package org.atalaya.core.calls;

import java.util.Locale;

/**
 * Where an agent sends a connected caller: another agent, or a queue. External numbers need an
 * outbound trunk, which Atalaya does not have yet, and are refused when parsed.
 */
public sealed interface TransferTarget {
  /** One agent by extension: rung when free (blind), or now (attended). */
  record Agent(String extension) implements TransferTarget {}

  /** A queue: its ACD picks the agent. */
  record Queue(String name) implements TransferTarget {}

  /**
   * Reads {@code agent:1302}, {@code queue:technical}, or a bare name: digits up to 8 are an
   * extension, anything else a queue name. IllegalArgumentException with a user-fit message.
   */
  static TransferTarget parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a transfer needs a target: agent:<extension> or queue:<name>");
    }
    String t = text.strip();
    int colon = t.indexOf(':');
    String kind = colon < 0 ? null : t.substring(0, colon).toLowerCase(Locale.ROOT);
    String value = colon < 0 ? t : t.substring(colon + 1).strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("transfer target '" + t + "' names nobody");
    }
    if (kind == null) {
      if (value.startsWith("+") || value.matches("\\d{9,}")) {
        throw new IllegalArgumentException("transfers to external numbers (" + value
            + ") need an outbound trunk, which is not configured");
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
      case "external", "tel", "sip" -> throw new IllegalArgumentException("transfers to external numbers (" + value
          + ") need an outbound trunk, which is not configured");
      default -> throw new IllegalArgumentException("transfer target kind '" + kind + "' is not agent or queue");
    };
  }
}

package org.atalaya.core.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.atalaya.media.DtmfListener;

/**
 * Watches the agent's keypad for its codes, {@code *} then a digit within {@link #WITHIN}:
 * {@code *0} asks a supervisor for help, {@code *1} starts and {@code *2} stops an on-demand
 * recording, {@code *7} switches the sensitive segment (card data) on or off. Other digits are
 * ordinary DTMF (still relayed to the customer).
 *
 * <p>Threading: called on the media loop; it only posts to the call's mailbox.
 */
final class HelpKeys implements DtmfListener {
  static final Duration WITHIN = Duration.ofSeconds(3);
  private final Clock clock;
  private final java.util.Map<Character, Runnable> codes;
  private Instant starAt;

  HelpKeys(Clock clock, Runnable onHelp) {
    this(clock, java.util.Map.of('0', onHelp));
  }

  /** {@code codes}: the digit after the star, and what it does. */
  HelpKeys(Clock clock, java.util.Map<Character, Runnable> codes) {
    this.clock = clock;
    this.codes = java.util.Map.copyOf(codes);
  }

  @Override
  public void onDigit(char digit, int durationMs) {
    Instant now = clock.instant();
    if (digit == '*') {
      starAt = now;
      return;
    }
    boolean code = starAt != null && Duration.between(starAt, now).compareTo(WITHIN) <= 0;
    starAt = null;
    Runnable action = code ? codes.get(digit) : null;
    if (action != null) {
      action.run();
    }
  }
}

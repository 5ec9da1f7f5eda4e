package org.atalaya.core.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.atalaya.media.DtmfListener;

/**
 * Watches the agent's keypad for its codes, {@code *} then a digit within {@link #WITHIN}:
 * {@code *0} asks a supervisor for help, {@code *7} switches the sensitive segment (card data)
 * on or off. Other digits are ordinary DTMF (still relayed to the customer).
 *
 * <p>Threading: called on the media loop; it only posts to the call's mailbox.
 */
final class HelpKeys implements DtmfListener {
  static final Duration WITHIN = Duration.ofSeconds(3);
  private final Clock clock;
  private final Runnable onHelp;
  private final Runnable onSensitive;
  private Instant starAt;

  HelpKeys(Clock clock, Runnable onHelp) {
    this(clock, onHelp, () -> { });
  }

  HelpKeys(Clock clock, Runnable onHelp, Runnable onSensitive) {
    this.clock = clock;
    this.onHelp = onHelp;
    this.onSensitive = onSensitive;
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
    if (code && digit == '0') {
      onHelp.run();
    } else if (code && digit == '7') {
      onSensitive.run();
    }
  }
}

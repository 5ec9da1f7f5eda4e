package org.atalaya.core.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.atalaya.media.DtmfListener;

/**
 * Watches the agent's keypad for the help code, {@code *} then {@code 0} within
 * {@link #WITHIN}. Other digits are ordinary DTMF (still relayed to the customer).
 *
 * <p>Threading: called on the media loop; it only posts to the call's mailbox.
 */
final class HelpKeys implements DtmfListener {
  static final Duration WITHIN = Duration.ofSeconds(3);
  private final Clock clock;
  private final Runnable onHelp;
  private Instant starAt;

  HelpKeys(Clock clock, Runnable onHelp) {
    this.clock = clock;
    this.onHelp = onHelp;
  }

  @Override
  public void onDigit(char digit, int durationMs) {
    Instant now = clock.instant();
    if (digit == '*') {
      starAt = now;
      return;
    }
    boolean help = digit == '0' && starAt != null && Duration.between(starAt, now).compareTo(WITHIN) <= 0;
    starAt = null;
    if (help) {
      onHelp.run();
    }
  }
}

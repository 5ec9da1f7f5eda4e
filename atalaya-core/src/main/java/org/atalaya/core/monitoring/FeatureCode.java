package org.atalaya.core.monitoring;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atalaya.media.MonitorMode;

/**
 * A dialled monitoring code: {@code *21<ext>} listen, {@code *22<ext>} whisper, {@code *23<ext>}
 * barge, {@code *24<ext>} take over (the codes FreeSWITCH eavesdrop and Asterisk ChanSpy users
 * set up by hand). During a session, keys 1-4 select the same modes.
 *
 * @param mode the mode to start in
 * @param extension the agent whose current call is monitored
 */
public record FeatureCode(MonitorMode mode, String extension) {
  private static final Pattern CODE = Pattern.compile("\\*2([1-4])(\\d{2,10})");

  /** Parses a dialled user part; empty if it is not a monitoring code. */
  public static Optional<FeatureCode> parse(String dialled) {
    if (dialled == null) {
      return Optional.empty();
    }
    // Some phones send '*' escaped in the request URI.
    Matcher m = CODE.matcher(dialled.replace("%2A", "*").replace("%2a", "*"));
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new FeatureCode(modeForKey(m.group(1).charAt(0)).orElseThrow(), m.group(2)));
  }

  /** The mode a keypad digit selects during a session: 1 listen, 2 whisper, 3 barge, 4 take over. */
  public static Optional<MonitorMode> modeForKey(char digit) {
    return switch (digit) {
      case '1' -> Optional.of(MonitorMode.LISTEN);
      case '2' -> Optional.of(MonitorMode.WHISPER);
      case '3' -> Optional.of(MonitorMode.BARGE);
      case '4' -> Optional.of(MonitorMode.TAKE_OVER);
      default -> Optional.empty();
    };
  }
}

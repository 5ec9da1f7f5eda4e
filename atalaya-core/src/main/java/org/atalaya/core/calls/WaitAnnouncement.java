package org.atalaya.core.calls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a queued caller is told about its wait, as the names of the prompts to play in order:
 * its place ("you are next", "you are caller number three") and, when there is an estimate, the
 * wait to the nearest minute ("less than a minute", "about four minutes"). Numbers are
 * spoken from their own prompts ({@code num-1} to {@code num-30}), so a tenant can re-record
 * them in its own voice; beyond thirty the caller hears "more than thirty".
 */
record WaitAnnouncement(int position, Optional<Duration> estimate) {
  /** The highest number with a prompt of its own. */
  static final int MAX_SPOKEN = 30;

  List<String> prompts() {
    List<String> out = new ArrayList<>();
    if (position == 1) {
      out.add("queue-next");
    } else if (position > MAX_SPOKEN) {
      out.add("queue-many");
    } else if (position > 1) {
      out.add("queue-position");
      out.add("num-" + position);
    }
    estimate.ifPresent(wait -> {
      long minutes = (wait.toSeconds() + 30) / 60;
      if (wait.toSeconds() < 60) {
        out.add("wait-under-minute");
      } else if (minutes == 1) {
        out.add("wait-one-minute");
      } else if (minutes > MAX_SPOKEN) {
        out.add("wait-long");
      } else {
        out.add("wait-about");
        out.add("num-" + minutes);
        out.add("wait-minutes");
      }
    });
    return out;
  }
}

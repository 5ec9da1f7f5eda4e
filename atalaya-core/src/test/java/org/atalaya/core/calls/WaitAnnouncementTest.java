package org.atalaya.core.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaitAnnouncementTest {
  @Test
  void theNextCallerIsToldSoAndOthersTheirNumber() {
    assertThat(say(1, null)).containsExactly("queue-next");
    assertThat(say(2, null)).containsExactly("queue-position", "num-2");
    assertThat(say(30, null)).containsExactly("queue-position", "num-30");
    assertThat(say(31, null)).containsExactly("queue-many");
    assertThat(say(0, null)).as("not waiting: no place to tell").isEmpty();
  }

  @Test
  void theWaitIsSaidToTheNearestMinute() {
    assertThat(say(1, 0)).containsExactly("queue-next", "wait-under-minute");
    assertThat(say(1, 59)).containsExactly("queue-next", "wait-under-minute");
    assertThat(say(2, 60)).containsExactly("queue-position", "num-2", "wait-one-minute");
    assertThat(say(2, 89)).containsExactly("queue-position", "num-2", "wait-one-minute");
    assertThat(say(3, 90)).containsExactly("queue-position", "num-3", "wait-about", "num-2", "wait-minutes");
    assertThat(say(4, 30 * 60 + 29)).containsExactly("queue-position", "num-4", "wait-about", "num-30", "wait-minutes");
    assertThat(say(4, 30 * 60 + 30)).containsExactly("queue-position", "num-4", "wait-long");
  }

  private static java.util.List<String> say(int position, Integer seconds) {
    return new WaitAnnouncement(position, Optional.ofNullable(seconds).map(Duration::ofSeconds)).prompts();
  }
}

package org.atalaya.store.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.atalaya.core.routing.AgentActivity;
import org.atalaya.core.routing.AgentActivityRepository;
import org.atalaya.core.routing.AgentState;
import org.junit.jupiter.api.Test;

/** What every AgentActivityRepository must do; implemented once per database. */
public interface AgentActivityRepositoryContract {
  AgentActivityRepository activity();

  Instant T = Instant.parse("2026-11-23T09:00:00.250Z");

  static AgentActivity stretch(String tenant, String agent, AgentState state, int fromS, int toS, String reason,
      String call) {
    return new AgentActivity(tenant, agent, state, T.plusSeconds(fromS), T.plusSeconds(toS), reason, call);
  }

  @Test
  default void stretchesReadBackWholeWithEveryFieldByAgentThenStart() {
    AgentActivity ringing = stretch("t1", "1001", AgentState.RINGING, 60, 65, null, "call-1");
    AgentActivity talking = stretch("t1", "1001", AgentState.ON_CALL, 65, 185, null, "call-1");
    AgentActivity lunch = stretch("t1", "1001", AgentState.PAUSED, 215, 3815, "lunch", null);
    AgentActivity other = stretch("t1", "999", AgentState.AVAILABLE, 0, 7200, null, null);
    // Appended out of order, as a writer may after a retry.
    activity().append(talking);
    activity().append(lunch);
    activity().append(ringing);
    activity().append(other);
    activity().append(stretch("t2", "1001", AgentState.AVAILABLE, 0, 100, null, null));
    assertThat(activity().overlapping("t1", T, T.plusSeconds(7200))).as("by agent as text, then by start")
        .containsExactly(ringing, talking, lunch, other);
    assertThat(activity().overlapping("t2", T, T.plusSeconds(7200))).singleElement()
        .satisfies(a -> assertThat(a.tenantId()).isEqualTo("t2"));
    assertThat(activity().overlapping("t3", T, T.plusSeconds(7200))).isEmpty();
  }

  @Test
  default void aStretchOverlapsWhenItEndsAfterTheStartAndBeginsBeforeTheEnd() {
    AgentActivity available = stretch("t1", "1001", AgentState.AVAILABLE, 0, 60, null, null);
    AgentActivity wrapUp = stretch("t1", "1001", AgentState.WRAP_UP, 60, 90, null, "call-1");
    activity().append(available);
    activity().append(wrapUp);
    assertThat(activity().overlapping("t1", T.plusSeconds(30), T.plusSeconds(31))).as("whole, not cut")
        .containsExactly(available);
    assertThat(activity().overlapping("t1", T.plusSeconds(60), T.plusSeconds(61))).as("[from, to): ends at 60")
        .containsExactly(wrapUp);
    assertThat(activity().overlapping("t1", T.minusSeconds(10), T)).as("begins at the end").isEmpty();
    assertThat(activity().overlapping("t1", T.plusSeconds(90), T.plusSeconds(100))).isEmpty();
    assertThat(activity().overlapping("t1", T.plusSeconds(59), T.plusSeconds(61))).hasSize(2);
  }
}

package org.atalaya.store.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.atalaya.core.recording.RecordingGap;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.recording.RecordingRepository;
import org.junit.jupiter.api.Test;

/** What every RecordingRepository must do; implemented once per database. */
public interface RecordingRepositoryContract {
  RecordingRepository recordings();

  static RecordingInfo recording(String tenant, String id, String agent, int minute) {
    return new RecordingInfo(id, tenant, "call-" + id, "+34600111222", "900100200", agent,
        Instant.parse("2026-11-22T10:00:00.500Z").plusSeconds(60L * minute), 0, 0, 8000, 2,
        "2026/11/22/" + id + ".pcm", null, RecordingInfo.Status.RECORDING);
  }

  @Test
  default void insertThenComplete() {
    RecordingInfo r = recording("t1", "r1", "1001", 0);
    recordings().insert(r);
    assertThat(recordings().byId("t1", "r1")).contains(r);
    recordings().complete("r1", 12_345, 197_520, "ab".repeat(32));
    RecordingInfo done = recordings().byId("t1", "r1").orElseThrow();
    assertThat(done.status()).isEqualTo(RecordingInfo.Status.COMPLETE);
    assertThat(done.durationMillis()).isEqualTo(12_345);
    assertThat(done.sizeBytes()).isEqualTo(197_520);
    assertThat(done.sha256()).isEqualTo("ab".repeat(32));
  }

  @Test
  default void unfinishedListsEveryTenantsRecordingsStillRecording() {
    recordings().insert(recording("t1", "u-done", "1001", 0));
    recordings().insert(recording("t1", "u-open", "1001", 1));
    recordings().insert(recording("t2", "u-other", "1002", 2));
    recordings().insert(recording("t2", "u-recovered", "1002", 3));
    recordings().complete("u-done", 1000, 32_000, "ab".repeat(32));
    recordings().recovered("u-recovered", 500, 16_000, "cd".repeat(32));
    // Other tests of the contract may share the database: only this test's rows are judged.
    assertThat(recordings().unfinished()).extracting(RecordingInfo::id).filteredOn(id -> id.startsWith("u-"))
        .containsExactly("u-open", "u-other");
  }

  @Test
  default void recordingsNewestFirstWithPagingAndAgentFilter() {
    recordings().insert(recording("t1", "a", "1001", 0));
    recordings().insert(recording("t1", "b", "1002", 1));
    recordings().insert(recording("t1", "c", "1001", 2));
    assertThat(recordings().list("t1", null, 0, 10)).extracting(RecordingInfo::id).containsExactly("c", "b", "a");
    assertThat(recordings().list("t1", null, 2, 5)).extracting(RecordingInfo::id).containsExactly("a");
    assertThat(recordings().list("t1", "1002", 0, 10)).extracting(RecordingInfo::id).containsExactly("b");
  }

  @Test
  default void recordingsTenantIsolation() {
    recordings().insert(recording("t1", "secret", "1001", 0));
    assertThat(recordings().byId("t2", "secret")).isEmpty();
    assertThat(recordings().list("t2", null, 0, 10)).isEmpty();
    assertThat(recordings().list("t2", "1001", 0, 10)).isEmpty();
  }

  @Test
  default void recoveryMarksTheRowRecovered() {
    recordings().insert(recording("t1", "crashed", "1001", 0));
    recordings().recovered("crashed", 2_980, 95_360, "cd".repeat(32));
    RecordingInfo r = recordings().byId("t1", "crashed").orElseThrow();
    assertThat(r.status()).isEqualTo(RecordingInfo.Status.RECOVERED);
    assertThat(r.durationMillis()).isEqualTo(2_980);
    assertThat(r.sizeBytes()).isEqualTo(95_360);
    assertThat(r.sha256()).isEqualTo("cd".repeat(32));
  }

  @Test
  default void scanWalksEveryTenantInIdOrder() {
    recordings().insert(recording("t1", "b", "1001", 0));
    recordings().insert(recording("t2", "a", "1001", 1));
    recordings().insert(recording("t1", "c", "1002", 2));
    assertThat(recordings().scanAllTenants(null, 2)).extracting(RecordingInfo::id).containsExactly("a", "b");
    assertThat(recordings().scanAllTenants("b", 2)).extracting(RecordingInfo::id).containsExactly("c");
    assertThat(recordings().scanAllTenants("c", 2)).isEmpty();
  }

  @Test
  default void gapsInTimeOrderAndOnlyForTheTenant() {
    recordings().insert(recording("t1", "paused", "1001", 0));
    recordings().addGap("paused", new RecordingGap(9_000, 21_500, "sensitive"));
    recordings().addGap("paused", new RecordingGap(2_000, 4_000, "sensitive"));
    assertThat(recordings().gaps("t1", "paused")).containsExactly(
        new RecordingGap(2_000, 4_000, "sensitive"),
        new RecordingGap(9_000, 21_500, "sensitive"));
    assertThat(recordings().gaps("t2", "paused")).isEmpty();
  }
}

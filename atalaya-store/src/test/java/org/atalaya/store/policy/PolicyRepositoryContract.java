package org.atalaya.store.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.atalaya.core.recording.policy.PolicyRepository;
import org.atalaya.core.recording.policy.PolicyRule;
import org.atalaya.core.recording.policy.RecordingMode;
import org.atalaya.core.recording.policy.RecordingPolicy;
import org.junit.jupiter.api.Test;

/** What every PolicyRepository must do; implemented once per database. */
public interface PolicyRepositoryContract {
  PolicyRepository policies();

  @Test
  default void aPolicyRoundTripsAndIsReplacedWhole() {
    RecordingPolicy p = new RecordingPolicy(RecordingMode.SELECTIVE, Map.of("sales", RecordingMode.ALL, "hr",
        RecordingMode.ON_DEMAND), List.of(
        new PolicyRule(PolicyRule.Action.DO_NOT_RECORD, null, "1009", null, null, null, null),
        new PolicyRule(PolicyRule.Action.RECORD, "support", null, "INBOUND", "+3491*", true, 25)),
        new RecordingPolicy.Consent(true, '9'));
    assertThat(policies().find("t1")).isEmpty();
    policies().save("t1", p, "admin", Instant.parse("2026-11-23T10:00:00Z"));
    assertThat(policies().find("t1")).contains(p);
    assertThat(policies().find("t2")).as("another tenant").isEmpty();

    RecordingPolicy simpler = new RecordingPolicy(RecordingMode.ALL, Map.of(), List.of(), RecordingPolicy.Consent.NONE);
    policies().save("t1", simpler, "admin", Instant.parse("2026-11-23T11:00:00Z"));
    assertThat(policies().find("t1")).contains(simpler);
  }
}

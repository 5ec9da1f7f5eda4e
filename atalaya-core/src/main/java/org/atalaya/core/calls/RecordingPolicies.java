package org.atalaya.core.calls;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.atalaya.core.recording.policy.RecordingPolicy;

/**
 * Where call control gets each tenant's recording policy, and the dice for sampling rules
 * (0..99 per call; a fixed value in tests).
 */
public record RecordingPolicies(Function<String, RecordingPolicy> forTenant, IntSupplier dice) {
  /** Record every call, announce nothing. */
  public static final RecordingPolicies RECORD_ALL =
      new RecordingPolicies(tenant -> RecordingPolicy.DEFAULT, () -> 0);

  public RecordingPolicies {
    Objects.requireNonNull(forTenant, "forTenant");
    Objects.requireNonNull(dice, "dice");
  }
}

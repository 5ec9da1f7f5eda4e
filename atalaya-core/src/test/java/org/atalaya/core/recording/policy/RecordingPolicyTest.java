package org.atalaya.core.recording.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.atalaya.core.recording.policy.PolicyRule.Action.DO_NOT_RECORD;
import static org.atalaya.core.recording.policy.PolicyRule.Action.RECORD;
import static org.atalaya.core.recording.policy.RecordingPolicy.Decision;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The recording decision, table-driven: modes, per-queue modes, every criterion, and precedence. */
class RecordingPolicyTest {
  private static final CallTraits SALES_KNOWN = new CallTraits("sales", "1001", "INBOUND", "+34911222333", false);
  private static final CallTraits SALES_NEW = new CallTraits("sales", "1001", "INBOUND", "+34911222333", true);
  private static final CallTraits SUPPORT_BCN = new CallTraits("support", "1002", "INBOUND", "+34931000111", false);
  private static final CallTraits OUT_CALL = new CallTraits("sales", "1003", "OUTBOUND", "+34600000000", false);

  static RecordingPolicy policy(RecordingMode mode, Map<String, RecordingMode> queues, PolicyRule... rules) {
    return new RecordingPolicy(mode, queues, List.of(rules), RecordingPolicy.Consent.NONE);
  }

  static PolicyRule rule(PolicyRule.Action a) {
    return new PolicyRule(a, null, null, null, null, null, null);
  }

  static PolicyRule queue(PolicyRule.Action a, String q) {
    return new PolicyRule(a, q, null, null, null, null, null);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // mode ALL records everything...
        Arguments.of("all", policy(RecordingMode.ALL, Map.of()), SALES_KNOWN, 50, Decision.RECORD),
        // ...unless a do-not-record rule matches: it wins over the mode
        Arguments.of("all, dnr queue", policy(RecordingMode.ALL, Map.of(), queue(DO_NOT_RECORD, "sales")), SALES_KNOWN, 50,
            Decision.DO_NOT_RECORD),
        Arguments.of("all, dnr other queue", policy(RecordingMode.ALL, Map.of(), queue(DO_NOT_RECORD, "hr")), SALES_KNOWN,
            50, Decision.RECORD),
        Arguments.of("on demand", policy(RecordingMode.ON_DEMAND, Map.of()), SALES_KNOWN, 50, Decision.ON_DEMAND),
        Arguments.of("on demand, dnr agent", policy(RecordingMode.ON_DEMAND, Map.of(),
            new PolicyRule(DO_NOT_RECORD, null, "1001", null, null, null, null)), SALES_KNOWN, 50, Decision.DO_NOT_RECORD),
        // selective: only what a record rule matches
        Arguments.of("selective, no rule", policy(RecordingMode.SELECTIVE, Map.of()), SALES_KNOWN, 50,
            Decision.DO_NOT_RECORD),
        Arguments.of("selective, queue rule", policy(RecordingMode.SELECTIVE, Map.of(), queue(RECORD, "support")),
            SUPPORT_BCN, 50, Decision.RECORD),
        Arguments.of("selective, queue rule, other queue", policy(RecordingMode.SELECTIVE, Map.of(),
            queue(RECORD, "support")), SALES_KNOWN, 50, Decision.DO_NOT_RECORD),
        Arguments.of("selective, agent", policy(RecordingMode.SELECTIVE, Map.of(),
            new PolicyRule(RECORD, null, "1002", null, null, null, null)), SUPPORT_BCN, 50, Decision.RECORD),
        Arguments.of("selective, direction out", policy(RecordingMode.SELECTIVE, Map.of(),
            new PolicyRule(RECORD, null, null, "OUTBOUND", null, null, null)), OUT_CALL, 50, Decision.RECORD),
        Arguments.of("selective, direction out, inbound call", policy(RecordingMode.SELECTIVE, Map.of(),
            new PolicyRule(RECORD, null, null, "OUTBOUND", null, null, null)), SALES_KNOWN, 50, Decision.DO_NOT_RECORD),
        Arguments.of("selective, Madrid numbers", policy(RecordingMode.SELECTIVE, Map.of(),
            new PolicyRule(RECORD, null, null, null, "+3491*", null, null)), SALES_KNOWN, 50, Decision.RECORD),
        Arguments.of("selective, Madrid numbers, Barcelona caller", policy(RecordingMode.SELECTIVE, Map.of(),
            new PolicyRule(RECORD, null, null, null, "+3491*", null, null)), SUPPORT_BCN, 50, Decision.DO_NOT_RECORD),
        Arguments.of("selective, one-digit wildcard", policy(RecordingMode.SELECTIVE, Map.of(),
            new PolicyRule(RECORD, null, null, null, "+349?1000111", null, null)), SUPPORT_BCN, 50, Decision.RECORD),
        Arguments.of("selective, new customers", policy(RecordingMode.SELECTIVE, Map.of(),
            new PolicyRule(RECORD, null, null, null, null, true, null)), SALES_NEW, 50, Decision.RECORD),
        Arguments.of("selective, new customers, known caller", policy(RecordingMode.SELECTIVE, Map.of(),
            new PolicyRule(RECORD, null, null, null, null, true, null)), SALES_KNOWN, 50, Decision.DO_NOT_RECORD),
        // random sample: 10 % means rolls 0..9
        Arguments.of("selective, 10 % sample, roll 9", policy(RecordingMode.SELECTIVE, Map.of(),
            new PolicyRule(RECORD, null, null, null, null, null, 10)), SALES_KNOWN, 9, Decision.RECORD),
        Arguments.of("selective, 10 % sample, roll 10", policy(RecordingMode.SELECTIVE, Map.of(),
            new PolicyRule(RECORD, null, null, null, null, null, 10)), SALES_KNOWN, 10, Decision.DO_NOT_RECORD),
        // criteria combine: all set ones must match
        Arguments.of("selective, queue and new", policy(RecordingMode.SELECTIVE, Map.of(),
            new PolicyRule(RECORD, "sales", null, null, null, true, null)), SALES_NEW, 50, Decision.RECORD),
        Arguments.of("selective, queue and new, known", policy(RecordingMode.SELECTIVE, Map.of(),
            new PolicyRule(RECORD, "sales", null, null, null, true, null)), SALES_KNOWN, 50, Decision.DO_NOT_RECORD),
        // per-queue modes override the tenant's
        Arguments.of("tenant selective, sales all", policy(RecordingMode.SELECTIVE, Map.of("sales", RecordingMode.ALL)),
            SALES_KNOWN, 50, Decision.RECORD),
        Arguments.of("tenant all, support on demand", policy(RecordingMode.ALL, Map.of("support", RecordingMode.ON_DEMAND)),
            SUPPORT_BCN, 50, Decision.ON_DEMAND),
        // do-not-record wins over a record rule and over a per-queue ALL, whatever the order
        Arguments.of("record and dnr both match", policy(RecordingMode.SELECTIVE, Map.of(),
            queue(RECORD, "sales"), new PolicyRule(DO_NOT_RECORD, null, null, null, "+34911*", null, null)),
            SALES_KNOWN, 50, Decision.DO_NOT_RECORD),
        Arguments.of("dnr first, record second", policy(RecordingMode.SELECTIVE, Map.of(),
            rule(DO_NOT_RECORD), queue(RECORD, "sales")), SALES_KNOWN, 50, Decision.DO_NOT_RECORD),
        Arguments.of("queue all, dnr new customers", policy(RecordingMode.SELECTIVE, Map.of("sales", RecordingMode.ALL),
            new PolicyRule(DO_NOT_RECORD, null, null, null, null, true, null)), SALES_NEW, 50, Decision.DO_NOT_RECORD),
        Arguments.of("dnr sample 30 %, roll 29", policy(RecordingMode.ALL, Map.of(),
            new PolicyRule(DO_NOT_RECORD, null, null, null, null, null, 30)), SALES_KNOWN, 29, Decision.DO_NOT_RECORD),
        Arguments.of("dnr sample 30 %, roll 30", policy(RecordingMode.ALL, Map.of(),
            new PolicyRule(DO_NOT_RECORD, null, null, null, null, null, 30)), SALES_KNOWN, 30, Decision.RECORD));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void decides(String name, RecordingPolicy policy, CallTraits call, int roll, Decision expected) {
    assertThat(policy.decide(call, () -> roll)).isEqualTo(expected);
  }

  @Test
  void badRulesAreRefusedWithWhatIsWrong() {
    assertThatThrownBy(() -> new PolicyRule(null, null, null, null, null, null, null)).hasMessageContaining("action");
    assertThatThrownBy(() -> new PolicyRule(RECORD, null, null, "SIDEWAYS", null, null, null)).hasMessageContaining("direction");
    assertThatThrownBy(() -> new PolicyRule(RECORD, null, null, null, "+34.*", null, null)).hasMessageContaining("callerPattern");
    assertThatThrownBy(() -> new PolicyRule(RECORD, null, null, null, null, null, 0)).hasMessageContaining("samplePercent");
    assertThatThrownBy(() -> new PolicyRule(RECORD, null, null, null, null, null, 101)).hasMessageContaining("samplePercent");
    assertThatThrownBy(() -> PolicyRule.action("maybe")).hasMessageContaining("record or do-not-record");
    assertThatThrownBy(() -> RecordingMode.parse("sometimes")).hasMessageContaining("all, on-demand or selective");
    assertThatThrownBy(() -> new RecordingPolicy.Consent(true, 'x')).hasMessageContaining("digit");
    assertThatThrownBy(() -> new RecordingPolicy.Consent(false, '9')).hasMessageContaining("announcement");
  }

  @Test
  void theConsentAnnouncementAppliesOnlyWhereCallsMayBeRecorded() {
    assertThat(policy(RecordingMode.ALL, Map.of()).mayRecord("sales")).isTrue();
    assertThat(policy(RecordingMode.SELECTIVE, Map.of()).mayRecord("sales")).isFalse();
    assertThat(policy(RecordingMode.SELECTIVE, Map.of(), queue(RECORD, "support")).mayRecord("sales")).isTrue();
    assertThat(policy(RecordingMode.SELECTIVE, Map.of("sales", RecordingMode.ON_DEMAND)).mayRecord("sales")).isTrue();
  }
}

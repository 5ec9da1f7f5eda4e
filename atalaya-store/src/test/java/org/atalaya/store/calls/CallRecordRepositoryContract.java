package org.atalaya.store.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.atalaya.core.calls.AgentSegment;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.calls.CallRecordRepository;
import org.atalaya.core.calls.Disposition;
import org.junit.jupiter.api.Test;

/** What every CallRecordRepository must do; implemented once per database. */
public interface CallRecordRepositoryContract {
  CallRecordRepository calls();

  static CallRecord call(String tenant, String id, String agent, int minute) {
    Instant start = Instant.parse("2026-11-22T10:00:00.250Z").plusSeconds(60L * minute);
    return new CallRecord(id, tenant, "sip-" + id, "+34600111222", "Cliente", "900100200", "sales", agent,
        start, agent == null ? null : start.plusSeconds(5), start.plusSeconds(50),
        agent == null ? Disposition.ABANDONED : Disposition.ANSWERED, "customer", agent == null ? null : "rec-" + id);
  }

  @Test
  default void callInsertAndReadBackAllFields() {
    CallRecord answered = call("t1", "c1", "1001", 0);
    CallRecord abandoned = call("t1", "c2", null, 1);
    calls().insert(answered);
    calls().insert(abandoned);
    assertThat(calls().byId("t1", "c1")).contains(answered);
    assertThat(calls().byId("t1", "c2")).contains(abandoned);
    // The routing facts: queue entry after an IVR, hold time, and a call that ended in the IVR.
    CallRecord a = call("t1", "c3", "1001", 2);
    CallRecord routed = new CallRecord(a.id(), a.tenantId(), a.sipCallId(), a.fromNumber(), a.fromName(), a.toNumber(),
        "technical", "1001", a.startedAt(), a.answeredAt(), a.endedAt(), Disposition.ANSWERED, "agent", null,
        "ANNOUNCED", a.startedAt().plusSeconds(3), 12);
    CallRecord ivr = new CallRecord("c4", "t1", "sip-c4", "+34600111222", "", "900100200", "default", null,
        a.startedAt(), null, a.startedAt().plusSeconds(20), Disposition.IVR, "system", null, null, null, 0);
    calls().insert(routed);
    calls().insert(ivr);
    assertThat(calls().byId("t1", "c3")).contains(routed);
    assertThat(calls().byId("t1", "c4")).contains(ivr);
  }

  @Test
  default void aTransferredCallKeepsItsAgentsInOrderAndBelongsToEach() {
    CallRecord a = call("t1", "x1", "1001", 0);
    Instant answered = a.answeredAt();
    var segments = java.util.List.of(
        new AgentSegment("1001", answered, answered.plusSeconds(10), "transfer"),
        new AgentSegment("1002", answered.plusSeconds(15), answered.plusSeconds(25),
            "attended-transfer"),
        new AgentSegment("1003", answered.plusSeconds(30), a.endedAt(), "end"));
    CallRecord transferred = new CallRecord(a.id(), a.tenantId(), a.sipCallId(), a.fromNumber(), a.fromName(),
        a.toNumber(), "technical", "1001", a.startedAt(), answered, a.endedAt(), Disposition.ANSWERED, "customer", null,
        null, a.startedAt(), 0, 2, segments, 4, true);
    calls().insert(transferred);
    calls().insert(call("t1", "x2", "1003", 1));
    assertThat(calls().byId("t1", "x1")).contains(transferred);
    assertThat(calls().startedBetween("t1", a.startedAt(), a.startedAt().plusSeconds(61))).as("for the KPIs")
        .containsExactly(transferred, call("t1", "x2", "1003", 1));
    assertThat(calls().byId("t2", "x1")).isEmpty();
    assertThat(calls().list("t1", null, 0, 10)).filteredOn(r -> r.id().equals("x1")).singleElement()
        .satisfies(r -> assertThat(r.transfers()).isEqualTo(2)).satisfies(r -> assertThat(r.segments()).isEmpty())
        .satisfies(r -> assertThat(r.csat()).as("the survey's answer").isEqualTo(4))
        .satisfies(r -> assertThat(r.callback()).isTrue());
    assertThat(calls().byId("t1", "x2").orElseThrow().csat()).as("no survey").isNull();
    assertThat(calls().byId("t1", "x2").orElseThrow().callback()).isFalse();
    assertThat(calls().list("t1", "1002", 0, 10)).extracting(CallRecord::id).containsExactly("x1");
    assertThat(calls().list("t1", "1003", 0, 10)).extracting(CallRecord::id).containsExactlyInAnyOrder("x1", "x2");
    assertThat(calls().list("t2", "1002", 0, 10)).isEmpty();
  }

  @Test
  default void voicemailsByMailboxNewestFirstPerTenant() {
    CallRecord a = call("t1", "v1", null, 0);
    java.util.function.BiFunction<CallRecord, String, CallRecord> message = (c, box) -> new CallRecord(c.id(),
        c.tenantId(), c.sipCallId(), c.fromNumber(), c.fromName(), c.toNumber(), box, null, c.startedAt(), null,
        c.endedAt(), Disposition.VOICEMAIL, "system", "rec-" + c.id(), null);
    calls().insert(message.apply(a, "ventas"));
    calls().insert(message.apply(call("t1", "v2", null, 1), "soporte"));
    calls().insert(message.apply(call("t1", "v3", null, 2), "ventas"));
    calls().insert(call("t1", "n1", "1001", 3));
    calls().insert(message.apply(call("t2", "v4", null, 4), "ventas"));
    assertThat(calls().voicemails("t1", "ventas", 0, 10)).extracting(CallRecord::id).containsExactly("v3", "v1");
    assertThat(calls().voicemails("t1", null, 0, 10)).extracting(CallRecord::id).containsExactly("v3", "v2", "v1");
    assertThat(calls().voicemails("t1", null, 1, 1)).extracting(CallRecord::id).containsExactly("v2");
    assertThat(calls().voicemails("t2", null, 0, 10)).extracting(CallRecord::id).containsExactly("v4");
  }

  @Test
  default void callsNewestFirstWithPagingAndAgentFilter() {
    calls().insert(call("t1", "a", "1001", 0));
    calls().insert(call("t1", "b", "1002", 1));
    calls().insert(call("t1", "c", "1001", 2));
    assertThat(calls().list("t1", null, 0, 10)).extracting(CallRecord::id).containsExactly("c", "b", "a");
    assertThat(calls().list("t1", null, 1, 1)).extracting(CallRecord::id).containsExactly("b");
    assertThat(calls().list("t1", "1001", 0, 10)).extracting(CallRecord::id).containsExactly("c", "a");
  }

  @Test
  default void callsThatArrivedInAPeriodOldestFirst() {
    calls().insert(call("t1", "a", "1001", 0));
    calls().insert(call("t1", "b", null, 1));
    calls().insert(call("t1", "c", "1001", 2));
    calls().insert(call("t2", "d", "1001", 1));
    Instant t0 = Instant.parse("2026-11-22T10:00:00.250Z");
    assertThat(calls().startedBetween("t1", t0, t0.plusSeconds(120))).extracting(CallRecord::id).containsExactly("a", "b");
    assertThat(calls().startedBetween("t1", t0.plusSeconds(60), t0.plusSeconds(61))).extracting(CallRecord::id)
        .as("from inclusive, to exclusive").containsExactly("b");
    assertThat(calls().startedBetween("t2", t0, t0.plusSeconds(600))).extracting(CallRecord::id).containsExactly("d");
  }

  @Test
  default void callsTenantIsolation() {
    calls().insert(call("t1", "x1", "1001", 0));
    assertThat(calls().byId("t2", "x1")).isEmpty();
    assertThat(calls().list("t2", null, 0, 10)).isEmpty();
    assertThat(calls().list("t2", "1001", 0, 10)).isEmpty();
  }

  @Test
  default void consentIsKeptAndKnownCallersAreFound() {
    java.time.Instant t0 = java.time.Instant.parse("2026-11-23T09:00:00Z");
    calls().insert(new CallRecord("c-consent", "t1", "sip-c", "+34911000111", "", "900", "sales", "1001", t0, t0,
        t0.plusSeconds(30), Disposition.ANSWERED, "customer", null, "OPTED_OUT"));
    assertThat(calls().byId("t1", "c-consent").orElseThrow().consent()).isEqualTo("OPTED_OUT");
    assertThat(calls().hasCallsFrom("t1", "+34911000111")).isTrue();
    assertThat(calls().hasCallsFrom("t1", "+34911000999")).isFalse();
    assertThat(calls().hasCallsFrom("t2", "+34911000111")).as("another tenant's caller is new here").isFalse();
  }
}

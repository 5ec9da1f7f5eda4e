package org.atalaya.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog.StoredAuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.audit.AuditQuery;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** What every AuditLog must do; implemented once per database. */
public interface AuditLogContract {
  AuditLog audit();

  /** Raw access, to tamper with rows as an attacker with database access would. */
  Jdbi rawJdbi();

  static AuditEvent event(String tenant, int n, String target) {
    return new AuditEvent(tenant, Instant.parse("2026-11-23T10:00:00Z").plusSeconds(n), "supervisor",
        "monitor.start", target, "mode=listen n=" + n);
  }

  @Test
  default void appendsInOrderAndTheChainVerifies() {
    assertThat(audit().verify()).isEmpty();
    assertThat(audit().append(event("t1", 1, "call:a"))).isEqualTo(1);
    assertThat(audit().append(event("t2", 2, "call:b"))).isEqualTo(2);
    assertThat(audit().append(event("t1", 3, "call:a"))).isEqualTo(3);
    assertThat(audit().verify()).isEmpty();
    assertThat(audit().list("t1", 0, 10)).extracting(StoredAuditEvent::seq).containsExactly(3L, 1L);
    assertThat(audit().list("t1", 1, 10)).extracting(StoredAuditEvent::seq).containsExactly(1L);
    assertThat(audit().list("t1", 0, 10).get(1).event()).isEqualTo(event("t1", 1, "call:a"));
    assertThat(audit().forTarget("t1", "call:a")).extracting(StoredAuditEvent::seq).containsExactly(1L, 3L);
    assertThat(audit().forTarget("t2", "call:a")).isEmpty();
  }

  @Test
  default void searchFiltersByActorActionPrefixTargetAndTimeWithinTheTenant() {
    Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
    audit().append(new AuditEvent("t1", t0, "ana", "login.ok", "user:ana", ""));
    audit().append(new AuditEvent("t1", t0.plusSeconds(10), "ana", "recording.play", "recording:r1", ""));
    audit().append(new AuditEvent("t1", t0.plusSeconds(20), "bob", "login.fail", "user:bob", ""));
    audit().append(new AuditEvent("t2", t0.plusSeconds(30), "ana", "login.ok", "user:ana", ""));
    audit().append(new AuditEvent("t1", t0.plusSeconds(40), "bob", "loginXok", "user:bob", ""));
    assertThat(audit().search("t1", new AuditQuery("ana", null, null, null, null), 0, 10))
        .extracting(StoredAuditEvent::seq).containsExactly(2L, 1L);
    assertThat(audit().search("t1", new AuditQuery(null, "login.", null, null, null), 0, 10))
        .extracting(StoredAuditEvent::seq).containsExactly(3L, 1L);
    assertThat(audit().search("t1", new AuditQuery(null, "login.ok", null, null, null), 0, 10))
        .extracting(StoredAuditEvent::seq).containsExactly(1L);
    assertThat(audit().search("t1", new AuditQuery(null, null, "recording:r1", null, null), 0, 10))
        .extracting(StoredAuditEvent::seq).containsExactly(2L);
    assertThat(audit().search("t1", new AuditQuery(null, null, null, t0.plusSeconds(10),
        t0.plusSeconds(40)), 0, 10)).extracting(StoredAuditEvent::seq).containsExactly(3L, 2L);
    assertThat(audit().search("t1", AuditQuery.ALL, 1, 2))
        .extracting(StoredAuditEvent::seq).containsExactly(3L, 2L);
    assertThat(audit().search("t3", AuditQuery.ALL, 0, 10)).isEmpty();
  }

  @Test
  default void listAndForTargetSeeOnlyTheirTenant() {
    audit().append(event("t1", 1, "call:a"));
    audit().append(event("t2", 2, "call:a"));
    audit().append(event("t1", 3, "call:b"));
    audit().append(event("t2", 4, "call:a"));
    audit().append(event("t1", 5, "call:a"));
    assertThat(audit().list("t1", 0, 10)).extracting(StoredAuditEvent::seq).containsExactly(5L, 3L, 1L);
    assertThat(audit().list("t2", 0, 10)).extracting(StoredAuditEvent::seq).containsExactly(4L, 2L);
    assertThat(audit().list("t1", 0, 2)).extracting(StoredAuditEvent::seq).containsExactly(5L, 3L);
    assertThat(audit().list("t1", 2, 2)).extracting(StoredAuditEvent::seq).containsExactly(1L);
    assertThat(audit().list("t3", 0, 10)).isEmpty();
    assertThat(audit().forTarget("t1", "call:a")).extracting(StoredAuditEvent::seq).containsExactly(1L, 5L);
    assertThat(audit().forTarget("t2", "call:a")).extracting(StoredAuditEvent::seq).containsExactly(2L, 4L);
    assertThat(audit().forTarget("t2", "call:b")).isEmpty();
    assertThat(audit().forTarget("t2", "call:a")).extracting(s -> s.event().tenantId()).containsOnly("t2");
  }

  @Test
  default void storedEventsKeepEveryFieldAndTheirHash() {
    var odd = new AuditEvent("t1", Instant.parse("2026-11-23T10:00:00.123Z"), "sip:2001", "monitor.mode",
        "call:ñ-1", "");
    long seq = audit().append(odd);
    var stored = audit().forTarget("t1", "call:ñ-1");
    assertThat(stored).extracting(StoredAuditEvent::event).containsExactly(odd);
    assertThat(stored.get(0).hash()).matches("[0-9a-f]{64}")
        .isEqualTo(JdbiAuditLog.hash(JdbiAuditLog.GENESIS, seq, "t1", odd.at().toEpochMilli(), "sip:2001",
            "monitor.mode", "call:ñ-1", ""));
    String prev = rawJdbi().withHandle(h -> h.createQuery("SELECT prev_hash FROM audit_log WHERE seq = 1")
        .mapTo(String.class).one());
    assertThat(prev).isEqualTo(JdbiAuditLog.GENESIS);
  }

  @Test
  default void headAndHashAtGiveTheEndOfTheChainAsACheckpointRecordsIt() {
    assertThat(audit().head()).isEmpty();
    assertThat(audit().hashAt(1)).isEmpty();
    for (int i = 1; i <= 3; i++) {
      audit().append(event("t" + i, i, "call:x"));
    }
    String third = audit().forTarget("t3", "call:x").get(0).hash();
    assertThat(audit().head()).contains(new AuditLog.Head(3, third, 3));
    assertThat(audit().hashAt(3)).contains(third);
    assertThat(audit().hashAt(1)).contains(audit().forTarget("t1", "call:x").get(0).hash());
    assertThat(audit().hashAt(4)).isEmpty();
    rawJdbi().useHandle(h -> h.execute("DELETE FROM audit_log WHERE seq = 2"));
    assertThat(audit().head()).as("the count is of rows present").contains(new AuditLog.Head(3, third, 2));
  }

  @Test
  default void anEditedRowIsNamed() {
    for (int i = 1; i <= 4; i++) {
      audit().append(event("t1", i, "call:x"));
    }
    rawJdbi().useHandle(h -> h.execute("UPDATE audit_log SET detail = 'mode=barge' WHERE seq = 3"));
    assertThat(audit().verify()).contains(3L);
  }

  @Test
  default void aRehashedEditStillBreaksTheNextRow() {
    for (int i = 1; i <= 4; i++) {
      audit().append(event("t1", i, "call:x"));
    }
    // The attacker recomputes row 2's own hash; row 3 still points at the old one.
    rawJdbi().useHandle(h -> {
      String prev = h.createQuery("SELECT hash FROM audit_log WHERE seq = 1").mapTo(String.class).one().trim();
      String forged = JdbiAuditLog.hash(prev, 2, "t1", Instant.parse("2026-11-23T10:00:02Z").toEpochMilli(),
          "supervisor", "monitor.start", "call:x", "nothing happened");
      h.createUpdate("UPDATE audit_log SET detail = 'nothing happened', hash = :h WHERE seq = 2").bind("h", forged)
          .execute();
    });
    assertThat(audit().verify()).contains(3L);
  }

  @Test
  default void aDeletedRowIsNamed() {
    for (int i = 1; i <= 5; i++) {
      audit().append(event("t1", i, "call:x"));
    }
    rawJdbi().useHandle(h -> h.execute("DELETE FROM audit_log WHERE seq = 3"));
    assertThat(audit().verify()).contains(4L);
  }

  @Test
  default void anEditedOrDeletedFirstRowIsNamed() {
    for (int i = 1; i <= 3; i++) {
      audit().append(event("t1", i, "call:x"));
    }
    rawJdbi().useHandle(h -> h.execute("UPDATE audit_log SET actor = 'nobody' WHERE seq = 1"));
    assertThat(audit().verify()).contains(1L);
    rawJdbi().useHandle(h -> h.execute("DELETE FROM audit_log WHERE seq = 1"));
    assertThat(audit().verify()).contains(2L);
  }

  @Test
  default void verifyFollowsTheChainAcrossPages() {
    for (int i = 1; i <= 7; i++) {
      audit().append(event("t1", i, "call:x"));
    }
    // Pages of 3: [1..3] [4..6] [7]; the faults sit on and just past page boundaries.
    var paged = new JdbiAuditLog(rawJdbi(), 3);
    assertThat(paged.verify()).isEmpty();
    rawJdbi().useHandle(h -> h.execute("UPDATE audit_log SET detail = 'x' WHERE seq = 7"));
    assertThat(paged.verify()).contains(7L);
    rawJdbi().useHandle(h -> h.execute("DELETE FROM audit_log WHERE seq = 4"));
    assertThat(paged.verify()).contains(5L);
  }

  @Test
  default void concurrentAppendsKeepOneUnbrokenChain() throws Exception {
    var pool = Executors.newFixedThreadPool(8);
    var seqs = new ConcurrentLinkedQueue<Long>();
    var start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 50; i++) {
            seqs.add(audit().append(event("t1", thread * 100 + i, "call:" + thread)));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 400).boxed().toList());
    assertThat(audit().list("t1", 0, 500)).extracting(StoredAuditEvent::seq)
        .containsExactlyElementsOf(LongStream.iterate(400, s -> s >= 1, s -> s - 1).boxed().toList());
    for (int t = 0; t < 8; t++) {
      // Each thread's own events keep its order in the chain.
      int thread = t;
      assertThat(audit().forTarget("t1", "call:" + t)).extracting(StoredAuditEvent::event)
          .containsExactlyElementsOf(LongStream.range(0, 50).mapToObj(i -> event("t1", thread * 100 + (int) i,
              "call:" + thread)).toList());
    }
    assertThat(audit().verify()).isEmpty();
  }
}

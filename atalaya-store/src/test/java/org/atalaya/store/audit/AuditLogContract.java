package org.atalaya.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.audit.AuditLog.StoredAuditEvent;
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
  default void concurrentAppendsKeepOneUnbrokenChain() throws Exception {
    var pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            audit().append(event("t1", thread * 100 + i, "call:" + thread));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(audit().list("t1", 0, 500)).hasSize(400).first().extracting(StoredAuditEvent::seq).isEqualTo(400L);
    assertThat(audit().verify()).isEmpty();
  }
}

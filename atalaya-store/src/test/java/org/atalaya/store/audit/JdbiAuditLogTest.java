package org.atalaya.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The row hash's encoding, which every stored chain depends on. */
class JdbiAuditLogTest {
  private static final long AT = 1_795_428_000_000L; // 2026-11-23T10:00:00Z

  @Test
  void hashIsPinnedToTheDocumentedEncoding() {
    // Computed independently: sha256("0"*64 + "1:1" "2:t1" "13:1795428000000" "10:supervisor" ...).
    assertThat(JdbiAuditLog.hash(JdbiAuditLog.GENESIS, 1, "t1", AT, "supervisor", "monitor.start", "call:a",
        "mode=listen")).isEqualTo("f915d6f035a23f17286c9abe76a18d0644e0f5b2a167d16a397cfc67ebc90979");
  }

  @Test
  void movingTextBetweenFieldsChangesTheHash() {
    String base = JdbiAuditLog.hash(JdbiAuditLog.GENESIS, 1, "t1", AT, "ab", "c", "call:a", "");
    assertThat(JdbiAuditLog.hash(JdbiAuditLog.GENESIS, 1, "t1", AT, "a", "bc", "call:a", "")).isNotEqualTo(base);
    assertThat(JdbiAuditLog.hash(JdbiAuditLog.GENESIS, 1, "t1", AT, "ab", "", "ccall:a", "")).isNotEqualTo(base);
    assertThat(JdbiAuditLog.hash(JdbiAuditLog.GENESIS, 11, "t1", AT, "ab", "c", "call:a", "")).isNotEqualTo(base);
    assertThat(JdbiAuditLog.hash("1".repeat(64), 1, "t1", AT, "ab", "c", "call:a", "")).isNotEqualTo(base);
  }
}

package org.atalaya.store.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.audit.AuditQuery;
import org.atalaya.store.Sql;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The audit trail in {@code audit_log}. Each row's hash is SHA-256 over the previous row's hash
 * and a length-prefixed encoding of the row, so no two different rows encode alike and any
 * edit, insertion or deletion breaks the chain from that row on.
 *
 * <p>Threading: appends are serialized by a lock on this object (one writer per node; the chain
 * needs the previous hash). A lock rather than {@code synchronized}: callers are virtual threads,
 * and on JDK 21 a monitor held across JDBC I/O pins the carrier thread. Reads run concurrently.
 */
public final class JdbiAuditLog implements AuditLog {
  static final String GENESIS = "0".repeat(64);
  private static final String COLUMNS = "seq, tenant_id, at_millis, actor, action, target, detail, prev_hash, hash";
  private final Jdbi jdbi;
  private final int verifyPage;
  private final ReentrantLock appending = new ReentrantLock();

  public JdbiAuditLog(Jdbi jdbi) {
    this(jdbi, 1000);
  }

  /** With a small verify page, so tests cross page boundaries. */
  JdbiAuditLog(Jdbi jdbi, int verifyPage) {
    if (verifyPage < 1) {
      throw new IllegalArgumentException("verifyPage must be positive");
    }
    this.jdbi = jdbi;
    this.verifyPage = verifyPage;
  }

  @Override
  public long append(AuditEvent e) {
    appending.lock();
    try {
      return insert(e);
    } finally {
      appending.unlock();
    }
  }

  private long insert(AuditEvent e) {
    return jdbi.inTransaction(h -> {
      var last = h.createQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
          .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)}).findOne();
      long seq = last.map(r -> (Long) r[0] + 1).orElse(1L);
      String prev = last.map(r -> (String) r[1]).orElse(GENESIS);
      long at = e.at().toEpochMilli();
      h.createUpdate("INSERT INTO audit_log (" + COLUMNS + ") VALUES (:seq, :tenant, :at, :actor, :action, :target,"
              + " :detail, :prev, :hash)")
          .bind("seq", seq).bind("tenant", e.tenantId()).bind("at", at).bind("actor", e.actor())
          .bind("action", e.action()).bind("target", e.target()).bind("detail", e.detail()).bind("prev", prev)
          .bind("hash", hash(prev, seq, e.tenantId(), at, e.actor(), e.action(), e.target(), e.detail()))
          .execute();
      return seq;
    });
  }

  @Override
  public List<StoredAuditEvent> list(String tenantId, int offset, int limit) {
    Sql.checkPage(offset, limit);
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM audit_log WHERE tenant_id = :tenant"
            + " ORDER BY seq DESC LIMIT :limit OFFSET :offset")
        .bind("tenant", tenantId).bind("limit", limit).bind("offset", offset)
        .map(JdbiAuditLog::map).list());
  }

  @Override
  public List<StoredAuditEvent> search(String tenantId, AuditQuery q, int offset, int limit) {
    Sql.checkPage(offset, limit);
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE tenant_id = :tenant");
    if (q.actor() != null) {
      sql.append(" AND actor = :actor");
    }
    if (q.action() != null) {
      sql.append(q.action().endsWith(".") ? " AND action LIKE :action" : " AND action = :action");
    }
    if (q.target() != null) {
      sql.append(" AND target = :target");
    }
    if (q.from() != null) {
      sql.append(" AND at_millis >= :from");
    }
    if (q.to() != null) {
      sql.append(" AND at_millis < :to");
    }
    sql.append(" ORDER BY seq DESC LIMIT :limit OFFSET :offset");
    String action = q.action() == null ? null
        : q.action().endsWith(".") ? q.action().replace("%", "").replace("_", "\\_") + "%" : q.action();
    return jdbi.withHandle(h -> h.createQuery(sql.toString())
        .bind("tenant", tenantId).bind("actor", q.actor()).bind("action", action).bind("target", q.target())
        .bind("from", Sql.millis(q.from())).bind("to", Sql.millis(q.to()))
        .bind("limit", limit).bind("offset", offset)
        .map(JdbiAuditLog::map).list());
  }

  @Override
  public List<StoredAuditEvent> forTarget(String tenantId, String target) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM audit_log WHERE tenant_id = :tenant"
            + " AND target = :target ORDER BY seq")
        .bind("tenant", tenantId).bind("target", target)
        .map(JdbiAuditLog::map).list());
  }

  @Override
  public Optional<Long> verify() {
    long expectedSeq = 1;
    String prev = GENESIS;
    while (true) {
      long from = expectedSeq;
      List<Row> page = jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM audit_log WHERE seq >= :from"
              + " ORDER BY seq LIMIT :limit")
          .bind("from", from).bind("limit", verifyPage).map(JdbiAuditLog::row).list());
      if (page.isEmpty()) {
        return Optional.empty();
      }
      for (Row r : page) {
        if (r.seq != expectedSeq || !r.prevHash.equals(prev)
            || !r.hash.equals(hash(r.prevHash, r.seq, r.tenant, r.at, r.actor, r.action, r.target, r.detail))) {
          return Optional.of(r.seq);
        }
        prev = r.hash;
        expectedSeq++;
      }
    }
  }

  @Override
  public Optional<Head> head() {
    // One statement, so the count belongs to the same snapshot as the last row.
    return jdbi.withHandle(h -> h.createQuery("SELECT seq, hash, (SELECT COUNT(*) FROM audit_log) AS n FROM audit_log"
            + " ORDER BY seq DESC LIMIT 1")
        .map((rs, ctx) -> new Head(rs.getLong("seq"), rs.getString("hash").trim(), rs.getLong("n"))).findOne());
  }

  @Override
  public Optional<String> hashAt(long seq) {
    return jdbi.withHandle(h -> h.createQuery("SELECT hash FROM audit_log WHERE seq = :seq").bind("seq", seq)
        .mapTo(String.class).findOne().map(String::trim));
  }

  /**
   * The row hash: lowercase hex SHA-256 over the previous hash (64 ASCII hex digits) followed by
   * each of seq, tenant, at millis, actor, action, target, detail as {@code <UTF-8 byte length>:<UTF-8 bytes>}.
   * Stored chains depend on this exact encoding: changing it breaks every existing log's verify.
   */
  static String hash(String prev, long seq, String tenant, long at, String actor, String action, String target,
      String detail) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(prev.getBytes(StandardCharsets.US_ASCII));
      for (String field : new String[] {Long.toString(seq), tenant, Long.toString(at), actor, action, target, detail}) {
        byte[] b = field.getBytes(StandardCharsets.UTF_8);
        md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
        md.update(b);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private record Row(long seq, String tenant, long at, String actor, String action, String target, String detail,
      String prevHash, String hash) {}

  private static Row row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Row(rs.getLong("seq"), rs.getString("tenant_id"), rs.getLong("at_millis"), rs.getString("actor"),
        rs.getString("action"), rs.getString("target"), rs.getString("detail"), rs.getString("prev_hash").trim(),
        rs.getString("hash").trim());
  }

  private static StoredAuditEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
    Row r = row(rs, ctx);
    return new StoredAuditEvent(r.seq, new AuditEvent(r.tenant, Instant.ofEpochMilli(r.at), r.actor, r.action,
        r.target, r.detail), r.hash);
  }
}

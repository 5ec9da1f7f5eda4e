package org.atalaya.store.retention;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atalaya.core.retention.Held;
import org.atalaya.core.retention.LegalHold;
import org.atalaya.core.retention.RetentionRepository;
import org.atalaya.store.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Retention policies, legal holds, tombstones and erasure receipts (V8). */
public final class JdbiRetentionRepository implements RetentionRepository {
  private static final String HELD = "SELECT r.id, r.tenant_id, r.call_id, r.agent_extension, c.queue_name, r.from_number,"
      + " r.started_at, r.storage_key, r.sha256 FROM recordings r"
      + " LEFT JOIN calls c ON c.recording_id = r.id AND c.tenant_id = r.tenant_id"
      + " WHERE r.tenant_id = :tenant AND r.status IN ('COMPLETE', 'RECOVERED')";
  private final Jdbi jdbi;

  public JdbiRetentionRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Map<String, Integer> retention(String tenantId) {
    Map<String, Integer> days = new LinkedHashMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT queue_name, days FROM retention_policies WHERE tenant_id = :t"
            + " ORDER BY queue_name")
        .bind("t", tenantId)
        .map((rs, ctx) -> Map.entry(rs.getString("queue_name"), rs.getInt("days")))
        .forEach(e -> days.put(e.getKey(), e.getValue())));
    return days;
  }

  @Override
  public void saveRetention(String tenantId, Map<String, Integer> days, String by, Instant at) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM retention_policies WHERE tenant_id = :t").bind("t", tenantId).execute();
      for (var e : days.entrySet()) {
        h.createUpdate("INSERT INTO retention_policies (tenant_id, queue_name, days, updated_at, updated_by)"
                + " VALUES (:t, :q, :d, :at, :by)")
            .bind("t", tenantId).bind("q", e.getKey()).bind("d", e.getValue()).bind("at", at.toEpochMilli())
            .bind("by", by).execute();
      }
    });
  }

  @Override
  public List<String> tenantsWithRetention() {
    return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT tenant_id FROM retention_policies ORDER BY tenant_id")
        .mapTo(String.class).list());
  }

  @Override
  public List<Held> recordedBefore(String tenantId, Instant before) {
    return jdbi.withHandle(h -> h.createQuery(HELD + " AND r.started_at < :before ORDER BY r.started_at")
        .bind("tenant", tenantId).bind("before", before.toEpochMilli()).map(JdbiRetentionRepository::held).list());
  }

  @Override
  public List<Held> recordedFrom(String tenantId, String number) {
    return jdbi.withHandle(h -> h.createQuery(HELD + " AND r.from_number = :number ORDER BY r.started_at")
        .bind("tenant", tenantId).bind("number", number).map(JdbiRetentionRepository::held).list());
  }

  @Override
  public Optional<Held> recording(String tenantId, String recordingId) {
    return jdbi.withHandle(h -> h.createQuery(HELD + " AND r.id = :id")
        .bind("tenant", tenantId).bind("id", recordingId).map(JdbiRetentionRepository::held).findFirst());
  }

  @Override
  public long addHold(LegalHold hold) {
    return jdbi.inTransaction(h -> {
      long id = h.createUpdate("INSERT INTO legal_holds (tenant_id, kind, target, reason, created_by, created_at)"
              + " VALUES (:t, :kind, :target, :reason, :by, :at)")
          .bind("t", hold.tenantId()).bind("kind", hold.kind().name()).bind("target", hold.target())
          .bind("reason", hold.reason()).bind("by", hold.createdBy()).bind("at", hold.createdAt().toEpochMilli())
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      for (String call : hold.callIds()) {
        h.createUpdate("INSERT INTO legal_hold_calls (hold_id, call_id) VALUES (:id, :call)")
            .bind("id", id).bind("call", call).execute();
      }
      return id;
    });
  }

  @Override
  public List<LegalHold> holds(String tenantId, boolean activeOnly) {
    return jdbi.withHandle(h -> {
      List<LegalHold> bare = h.createQuery("SELECT id, tenant_id, kind, target, reason, created_by, created_at,"
              + " released_by, released_at FROM legal_holds WHERE tenant_id = :t"
              + (activeOnly ? " AND released_at IS NULL" : "") + " ORDER BY created_at DESC, id DESC")
          .bind("t", tenantId)
          .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("kind"), rs.getString("target"),
              rs.getString("reason"), rs.getString("created_by"), Sql.instant(rs, "created_at"),
              rs.getString("released_by"), Sql.instant(rs, "released_at")))
          .list().stream().map(r -> r.hold(tenantId, calls(h, r))).toList();
      return new ArrayList<>(bare);
    });
  }

  @Override
  public boolean releaseHold(String tenantId, long id, String by, Instant at) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE legal_holds SET released_by = :by, released_at = :at"
            + " WHERE tenant_id = :t AND id = :id AND released_at IS NULL")
        .bind("by", by).bind("at", at.toEpochMilli()).bind("t", tenantId).bind("id", id).execute()) > 0;
  }

  @Override
  public void markDeleted(String recordingId, Instant at, String reason) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE recordings SET status = 'DELETED', deleted_at = :at,"
            + " deleted_reason = :reason WHERE id = :id")
        .bind("at", at.toEpochMilli()).bind("reason", reason).bind("id", recordingId).execute());
  }

  @Override
  public void saveReceipt(String id, String tenantId, String by, Instant at, String receipt, String sha256) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO erasure_receipts (id, tenant_id, requested_by, requested_at,"
            + " receipt, receipt_sha256) VALUES (:id, :t, :by, :at, :receipt, :sha)")
        .bind("id", id).bind("t", tenantId).bind("by", by).bind("at", at.toEpochMilli()).bind("receipt", receipt)
        .bind("sha", sha256).execute());
  }

  @Override
  public Optional<String> receipt(String tenantId, String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT receipt FROM erasure_receipts WHERE tenant_id = :t AND id = :id")
        .bind("t", tenantId).bind("id", id).mapTo(String.class).findOne());
  }

  private static List<String> calls(Handle h, Row r) {
    if (!"CASE".equals(r.kind())) {
      return List.of();
    }
    return h.createQuery("SELECT call_id FROM legal_hold_calls WHERE hold_id = :id ORDER BY call_id")
        .bind("id", r.id()).mapTo(String.class).list();
  }

  private static Held held(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Held(rs.getString("id"), rs.getString("tenant_id"), rs.getString("call_id"),
        rs.getString("agent_extension"), rs.getString("queue_name"), rs.getString("from_number"),
        Sql.instant(rs, "started_at"), rs.getString("storage_key"), rs.getString("sha256"));
  }

  private record Row(long id, String kind, String target, String reason, String by, Instant at, String releasedBy,
      Instant releasedAt) {
    LegalHold hold(String tenantId, List<String> calls) {
      return new LegalHold(id, tenantId, LegalHold.Kind.valueOf(kind), target, reason, by, at, releasedBy, releasedAt,
          calls);
    }
  }
}

package org.atalaya.store.recording;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.atalaya.core.recording.RecordingGap;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.recording.RecordingRepository;
import org.atalaya.store.Sql;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Recording metadata in the {@code recordings} table. */
public final class JdbiRecordingRepository implements RecordingRepository {
  private static final String COLUMNS = RecordingRows.COLUMNS;
  private final Jdbi jdbi;

  public JdbiRecordingRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void insert(RecordingInfo r) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO recordings (" + COLUMNS + ", from_reversed, to_reversed) VALUES"
            + " (:id, :tenant, :call, :from, :to, :agent, :started, :duration, :size, :rate, :channels, :key, :sha,"
            + " :status, :fromReversed, :toReversed)")
        .bind("fromReversed", RecordingRows.reversed(r.fromNumber()))
        .bind("toReversed", RecordingRows.reversed(r.toNumber()))
        .bind("id", r.id())
        .bind("tenant", r.tenantId())
        .bind("call", r.callId())
        .bind("from", r.fromNumber())
        .bind("to", r.toNumber())
        .bind("agent", r.agentExtension())
        .bind("started", Sql.millis(r.startedAt()))
        .bind("duration", r.durationMillis())
        .bind("size", r.sizeBytes())
        .bind("rate", r.sampleRate())
        .bind("channels", r.channels())
        .bind("key", r.storageKey())
        .bind("sha", r.sha256())
        .bind("status", r.status().name())
        .execute());
  }

  @Override
  public void complete(String id, long durationMillis, long sizeBytes, String sha256) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE recordings SET duration_millis = :duration, size_bytes = :size,"
            + " sha256 = :sha, status = :status WHERE id = :id")
        .bind("duration", durationMillis)
        .bind("size", sizeBytes)
        .bind("sha", sha256)
        .bind("status", RecordingInfo.Status.COMPLETE.name())
        .bind("id", id)
        .execute());
  }

  @Override
  public void recovered(String id, long durationMillis, long sizeBytes, String sha256) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE recordings SET duration_millis = :duration, size_bytes = :size,"
            + " sha256 = :sha, status = :status WHERE id = :id")
        .bind("duration", durationMillis)
        .bind("size", sizeBytes)
        .bind("sha", sha256)
        .bind("status", RecordingInfo.Status.RECOVERED.name())
        .bind("id", id)
        .execute());
  }

  @Override
  public void addGap(String recordingId, RecordingGap gap) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO recording_gaps (recording_id, start_ms, end_ms, reason)"
            + " VALUES (:id, :start, :end, :reason)")
        .bind("id", recordingId).bind("start", gap.startMillis()).bind("end", gap.endMillis())
        .bind("reason", gap.reason()).execute());
  }

  @Override
  public List<RecordingGap> gaps(String tenantId, String recordingId) {
    // Joined to the recording so another tenant's id yields nothing.
    return jdbi.withHandle(h -> h.createQuery("SELECT g.start_ms, g.end_ms, g.reason FROM recording_gaps g"
            + " JOIN recordings r ON r.id = g.recording_id WHERE r.tenant_id = :tenant AND g.recording_id = :id"
            + " ORDER BY g.start_ms, g.id")
        .bind("tenant", tenantId).bind("id", recordingId)
        .map((rs, ctx) -> new RecordingGap(rs.getLong("start_ms"), rs.getLong("end_ms"), rs.getString("reason")))
        .list());
  }

  @Override
  public List<RecordingInfo> scanAllTenants(String afterId, int limit) {
    Sql.checkPage(0, limit);
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM recordings WHERE id > :after"
            + " ORDER BY id LIMIT :limit")
        .bind("after", afterId == null ? "" : afterId)
        .bind("limit", limit)
        .map(JdbiRecordingRepository::map).list());
  }

  @Override
  public List<RecordingInfo> unfinished() {
    // Read once per start: a scan of the status column, no index kept up on every insert for it.
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM recordings WHERE status = :status"
            + " ORDER BY id")
        .bind("status", RecordingInfo.Status.RECORDING.name())
        .map(JdbiRecordingRepository::map).list());
  }

  @Override
  public Optional<RecordingInfo> byId(String tenantId, String id) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM recordings WHERE tenant_id = :tenant AND id = :id")
        .bind("tenant", tenantId).bind("id", id).map(JdbiRecordingRepository::map).findOne());
  }

  @Override
  public List<RecordingInfo> list(String tenantId, String agentExtension, int offset, int limit) {
    Sql.checkPage(offset, limit);
    String agentFilter = agentExtension == null ? "" : " AND agent_extension = :agent";
    return jdbi.withHandle(h -> {
      var query = h.createQuery("SELECT " + COLUMNS + " FROM recordings WHERE tenant_id = :tenant" + agentFilter
              + " ORDER BY tenant_id, started_at DESC, id DESC LIMIT :limit OFFSET :offset") // see V13
          .bind("tenant", tenantId)
          .bind("limit", limit)
          .bind("offset", offset);
      if (agentExtension != null) {
        query.bind("agent", agentExtension);
      }
      return query.map(JdbiRecordingRepository::map).list();
    });
  }

  private static RecordingInfo map(ResultSet rs, StatementContext ctx) throws SQLException {
    return RecordingRows.map(rs, ctx);
  }
}

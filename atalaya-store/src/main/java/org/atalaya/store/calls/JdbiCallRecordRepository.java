package org.atalaya.store.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atalaya.core.calls.AgentSegment;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.calls.CallRecordRepository;
import org.atalaya.core.calls.Disposition;
import org.atalaya.store.Sql;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Call detail records in the {@code calls} table. */
public final class JdbiCallRecordRepository implements CallRecordRepository {
  private static final String COLUMNS = "id, tenant_id, sip_call_id, from_number, from_name, to_number, queue_name,"
      + " agent_extension, started_at, answered_at, ended_at, disposition, ended_by, recording_id, consent,"
      + " queued_at, hold_seconds, transfers, csat, callback";
  private final Jdbi jdbi;

  public JdbiCallRecordRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void insert(CallRecord r) {
    jdbi.useTransaction(h -> {
      insertCall(h, r);
      var batch = h.prepareBatch("INSERT INTO call_segments (tenant_id, call_id, ordinal, agent_extension, started_at,"
          + " ended_at, ended_how) VALUES (:tenant, :call, :ordinal, :agent, :from, :to, :how)");
      int ordinal = 0;
      for (AgentSegment s : r.segments()) {
        batch.bind("tenant", r.tenantId()).bind("call", r.id()).bind("ordinal", ordinal++)
            .bind("agent", s.agentExtension()).bind("from", Sql.millis(s.from())).bind("to", Sql.millis(s.to()))
            .bind("how", s.end()).add();
      }
      if (ordinal > 0) {
        batch.execute();
      }
    });
  }

  private static void insertCall(org.jdbi.v3.core.Handle h, CallRecord r) {
    h.createUpdate("INSERT INTO calls (" + COLUMNS + ") VALUES (:id, :tenant, :sip, :from,"
            + " :fromName, :to, :queue, :agent, :started, :answered, :ended, :disposition, :endedBy, :recording, :consent,"
            + " :queued, :hold, :transfers, :csat, :callback)")
        .bind("id", r.id())
        .bind("tenant", r.tenantId())
        .bind("sip", r.sipCallId())
        .bind("from", r.fromNumber())
        .bind("fromName", r.fromName())
        .bind("to", r.toNumber())
        .bind("queue", r.queue())
        .bind("agent", r.agentExtension())
        .bind("started", Sql.millis(r.startedAt()))
        .bind("answered", Sql.millis(r.answeredAt()))
        .bind("ended", Sql.millis(r.endedAt()))
        .bind("disposition", r.disposition().name())
        .bind("endedBy", r.endedBy())
        .bind("recording", r.recordingId())
        .bind("consent", r.consent())
        .bind("queued", Sql.millis(r.queuedAt()))
        .bind("hold", r.holdSeconds())
        .bind("transfers", r.transfers())
        .bind("csat", r.csat())
        .bind("callback", r.callback())
        .execute();
  }

  @Override
  public Optional<CallRecord> byId(String tenantId, String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM calls WHERE tenant_id = :tenant AND id = :id")
        .bind("tenant", tenantId).bind("id", id).map(JdbiCallRecordRepository::map).findOne()
        .map(r -> r.withSegments(h.createQuery("SELECT agent_extension, started_at, ended_at, ended_how FROM call_segments"
                + " WHERE tenant_id = :tenant AND call_id = :id ORDER BY ordinal")
            .bind("tenant", tenantId).bind("id", id)
            .map((rs, c) -> segment(rs)).list())));
  }

  @Override
  public List<CallRecord> startedBetween(String tenantId, Instant from, Instant to) {
    return jdbi.withHandle(h -> {
      List<CallRecord> calls = h.createQuery("SELECT " + COLUMNS + " FROM calls WHERE tenant_id = :tenant"
              + " AND started_at >= :from AND started_at < :to ORDER BY started_at, id")
          .bind("tenant", tenantId).bind("from", Sql.millis(from)).bind("to", Sql.millis(to))
          .map(JdbiCallRecordRepository::map).list();
      // One query for every call's segments: the KPIs credit each agent of a transferred call.
      Map<String, List<AgentSegment>> segments = new HashMap<>();
      h.createQuery("SELECT s.call_id, s.agent_extension, s.started_at, s.ended_at, s.ended_how FROM call_segments s"
              + " JOIN calls c ON c.tenant_id = s.tenant_id AND c.id = s.call_id WHERE c.tenant_id = :tenant"
              + " AND c.started_at >= :from AND c.started_at < :to ORDER BY s.call_id, s.ordinal")
          .bind("tenant", tenantId).bind("from", Sql.millis(from)).bind("to", Sql.millis(to))
          .map((rs, c) -> Map.entry(rs.getString("call_id"), segment(rs)))
          .forEach(e -> segments.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
      return calls.stream().map(r -> segments.containsKey(r.id()) ? r.withSegments(segments.get(r.id())) : r).toList();
    });
  }

  private static AgentSegment segment(ResultSet rs) throws SQLException {
    return new AgentSegment(rs.getString("agent_extension"), Sql.instant(rs, "started_at"), Sql.instant(rs, "ended_at"),
        rs.getString("ended_how"));
  }

  @Override
  public boolean hasCallsFrom(String tenantId, String fromNumber) {
    return jdbi.withHandle(h -> h.createQuery("SELECT 1 FROM calls WHERE tenant_id = :tenant AND from_number = :from"
            + " FETCH FIRST 1 ROWS ONLY")
        .bind("tenant", tenantId).bind("from", fromNumber).mapTo(Integer.class).findOne().isPresent());
  }

  @Override
  public List<CallRecord> list(String tenantId, String agentExtension, int offset, int limit) {
    Sql.checkPage(offset, limit);
    // An agent's calls: those it answered first, and those transferred to it.
    String agentFilter = agentExtension == null ? "" : " AND (agent_extension = :agent OR id IN (SELECT call_id"
        + " FROM call_segments WHERE tenant_id = :tenant AND agent_extension = :agent))";
    return jdbi.withHandle(h -> {
      var query = h.createQuery("SELECT " + COLUMNS + " FROM calls WHERE tenant_id = :tenant" + agentFilter
              + " ORDER BY tenant_id, started_at DESC, id DESC LIMIT :limit OFFSET :offset") // see V13
          .bind("tenant", tenantId)
          .bind("limit", limit)
          .bind("offset", offset);
      if (agentExtension != null) {
        query.bind("agent", agentExtension);
      }
      return query.map(JdbiCallRecordRepository::map).list();
    });
  }

  @Override
  public List<CallRecord> voicemails(String tenantId, String box, int offset, int limit) {
    Sql.checkPage(offset, limit);
    String boxFilter = box == null ? "" : " AND queue_name = :box";
    return jdbi.withHandle(h -> {
      var query = h.createQuery("SELECT " + COLUMNS + " FROM calls WHERE tenant_id = :tenant AND disposition = 'VOICEMAIL'"
              + boxFilter + " ORDER BY tenant_id, started_at DESC, id DESC LIMIT :limit OFFSET :offset")
          .bind("tenant", tenantId)
          .bind("limit", limit)
          .bind("offset", offset);
      if (box != null) {
        query.bind("box", box);
      }
      return query.map(JdbiCallRecordRepository::map).list();
    });
  }

  private static CallRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new CallRecord(rs.getString("id"), rs.getString("tenant_id"), rs.getString("sip_call_id"),
        rs.getString("from_number"), rs.getString("from_name"), rs.getString("to_number"), rs.getString("queue_name"),
        rs.getString("agent_extension"), Sql.instant(rs, "started_at"), Sql.instant(rs, "answered_at"),
        Sql.instant(rs, "ended_at"), Disposition.valueOf(rs.getString("disposition")), rs.getString("ended_by"),
        rs.getString("recording_id"), rs.getString("consent"), Sql.instant(rs, "queued_at"), rs.getLong("hold_seconds"),
        rs.getInt("transfers"), List.of(), (Integer) rs.getObject("csat", Integer.class), rs.getBoolean("callback"));
  }
}

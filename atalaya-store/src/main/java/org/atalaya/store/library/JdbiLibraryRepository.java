package org.atalaya.store.library;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atalaya.core.library.Library;
import org.atalaya.core.library.LibraryItem;
import org.atalaya.core.library.LibraryRepository;
import org.atalaya.core.library.Note;
import org.atalaya.core.library.RecordingQuery;
import org.atalaya.core.library.Share;
import org.atalaya.core.library.Tag;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.store.Sql;
import org.atalaya.store.recording.RecordingRows;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The library in SQL. A search is one query over {@code recordings} (joined to its call for queue
 * and direction) whose filters each map to an index, then one query each for the page's tags,
 * note counts and collections, so a page costs four round trips whatever its size.
 */
public final class JdbiLibraryRepository implements LibraryRepository {
  /** What {@link #mapNote} reads. */
  private static final String SELECT_NOTES = "SELECT id, recording_id, at_ms, author, body, created_at FROM recording_notes";
  private final Jdbi jdbi;

  public JdbiLibraryRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public List<LibraryItem> search(String tenantId, String agentOrNull, RecordingQuery q, int offset, int limit) {
    Sql.checkPage(offset, limit);
    StringBuilder sql = new StringBuilder("SELECT " + RecordingRows.prefixed("r") + ", c.queue_name AS q_queue,"
        + " c.direction AS q_direction, r.qa_score AS q_score FROM recordings r LEFT JOIN calls c ON c.id = r.call_id"
        + " AND c.tenant_id = r.tenant_id WHERE r.tenant_id = :tenant AND r.status <> 'DELETED'");
    Map<String, Object> binds = new HashMap<>();
    if (agentOrNull != null) {
      sql.append(" AND (r.agent_extension = :self OR EXISTS (SELECT 1 FROM recording_collections k"
          + " WHERE k.recording_id = r.id AND k.collection = '" + Library.BEST_PRACTICES + "'))");
      binds.put("self", agentOrNull);
    }
    filter(sql, binds, q.from() == null ? null : Sql.millis(q.from()), "r.started_at >= :from", "from");
    filter(sql, binds, q.to() == null ? null : Sql.millis(q.to()), "r.started_at < :to", "to");
    filter(sql, binds, q.agent(), "r.agent_extension = :agent", "agent");
    filter(sql, binds, q.queue(), "c.queue_name = :queue", "queue");
    filter(sql, binds, q.direction(), "COALESCE(c.direction, 'inbound') = :direction", "direction");
    filter(sql, binds, q.minSeconds() == null ? null : q.minSeconds() * 1000L, "r.duration_millis >= :minMs", "minMs");
    filter(sql, binds, q.maxSeconds() == null ? null : q.maxSeconds() * 1000L, "r.duration_millis <= :maxMs", "maxMs");
    filter(sql, binds, q.minScore(), "r.qa_score >= :minScore", "minScore");
    filter(sql, binds, q.maxScore(), "r.qa_score <= :maxScore", "maxScore");
    filter(sql, binds, q.collection(), "EXISTS (SELECT 1 FROM recording_collections k2 WHERE k2.recording_id = r.id"
        + " AND k2.collection = :collection)", "collection");
    for (int i = 0; i < q.tags().size(); i++) {
      sql.append(" AND EXISTS (SELECT 1 FROM recording_tags t").append(i).append(" WHERE t").append(i)
          .append(".tenant_id = r.tenant_id AND t").append(i).append(".kind = :kind").append(i).append(" AND t")
          .append(i).append(".tag = :tag").append(i).append(" AND t").append(i).append(".recording_id = r.id)");
      binds.put("kind" + i, q.tags().get(i).kind().label());
      binds.put("tag" + i, q.tags().get(i).tag());
    }
    if (q.hasNotes() != null) {
      sql.append(q.hasNotes() ? " AND" : " AND NOT").append(" EXISTS (SELECT 1 FROM recording_notes n"
          + " WHERE n.recording_id = r.id)");
    }
    return jdbi.withHandle(h -> {
      NumberFilter.Clause number = q.number() == null ? null : NumberFilter.clause(h, tenantId, q.number(), binds);
      if (number != null) {
        sql.append(" AND ").append(number.sql());
      }
      // tenant_id in ORDER BY lets H2 read the newest-first index in order (V13). A few ids named
      // by the number filter are better fetched by primary key and sorted: without tenant_id H2
      // does that, instead of walking the index until it meets them (4 s at 1 M rows).
      sql.append(number != null && number.byId() ? " ORDER BY r.started_at DESC, r.id DESC"
          : " ORDER BY r.tenant_id, r.started_at DESC, r.id DESC");
      sql.append(" LIMIT :limit OFFSET :offset");
      Query query = h.createQuery(sql.toString()).bind("tenant", tenantId).bind("limit", limit).bind("offset", offset);
      binds.forEach(query::bind);
      List<Row> rows = query.map(JdbiLibraryRepository::row).list();
      return enrich(h, tenantId, rows);
    });
  }

  private static void filter(StringBuilder sql, Map<String, Object> binds, Object value, String clause, String name) {
    if (value != null) {
      sql.append(" AND ").append(clause);
      binds.put(name, value);
    }
  }

  private record Row(RecordingInfo info, String queue, String direction, Integer score) {}

  private static Row row(ResultSet rs, StatementContext ctx) throws SQLException {
    int score = rs.getInt("q_score");
    Integer scoreOrNull = rs.wasNull() ? null : score;
    return new Row(RecordingRows.map(rs, ctx), rs.getString("q_queue"),
        rs.getString("q_direction") == null ? "inbound" : rs.getString("q_direction"), scoreOrNull);
  }

  private static List<LibraryItem> enrich(Handle h, String tenantId, List<Row> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> ids = rows.stream().map(r -> r.info().id()).toList();
    Map<String, List<Tag>> tags = new HashMap<>();
    h.createQuery("SELECT recording_id, kind, tag FROM recording_tags WHERE tenant_id = :tenant AND recording_id IN (<ids>)"
            + " ORDER BY kind, tag")
        .bind("tenant", tenantId).bindList("ids", ids)
        .map((rs, ctx) -> Map.entry(rs.getString(1), new Tag(Tag.Kind.parse(rs.getString(2)), rs.getString(3))))
        .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    Map<String, Integer> notes = new HashMap<>();
    h.createQuery("SELECT recording_id, COUNT(*) FROM recording_notes WHERE tenant_id = :tenant AND recording_id IN (<ids>)"
            + " GROUP BY recording_id")
        .bind("tenant", tenantId).bindList("ids", ids)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2))).forEach(e -> notes.put(e.getKey(), e.getValue()));
    Map<String, List<String>> collections = new HashMap<>();
    h.createQuery("SELECT recording_id, collection FROM recording_collections WHERE tenant_id = :tenant"
            + " AND recording_id IN (<ids>)")
        .bind("tenant", tenantId).bindList("ids", ids)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> collections.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return rows.stream().map(r -> new LibraryItem(r.info(), r.queue(), r.direction(), r.score(),
        tags.getOrDefault(r.info().id(), List.of()), notes.getOrDefault(r.info().id(), 0),
        collections.getOrDefault(r.info().id(), List.of()))).toList();
  }

  @Override
  public List<Note> notes(String tenantId, String recordingId) {
    return jdbi.withHandle(h -> h.createQuery(SELECT_NOTES
            + " WHERE tenant_id = :tenant AND recording_id = :rec ORDER BY at_ms, id")
        .bind("tenant", tenantId).bind("rec", recordingId).map(JdbiLibraryRepository::mapNote).list());
  }

  @Override
  public Note addNote(String tenantId, String recordingId, long atMillis, String author, String text, Instant at) {
    long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO recording_notes (tenant_id, recording_id, at_ms, author,"
            + " body, created_at) VALUES (:tenant, :rec, :at, :author, :body, :created)")
        .bind("tenant", tenantId).bind("rec", recordingId).bind("at", atMillis).bind("author", author)
        .bind("body", text).bind("created", Sql.millis(at))
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    return new Note(id, recordingId, atMillis, author, text, Instant.ofEpochMilli(at.toEpochMilli()));
  }

  @Override
  public Optional<Note> note(String tenantId, long noteId) {
    return jdbi.withHandle(h -> h.createQuery(SELECT_NOTES
            + " WHERE tenant_id = :tenant AND id = :id")
        .bind("tenant", tenantId).bind("id", noteId).map(JdbiLibraryRepository::mapNote).findOne());
  }

  @Override
  public boolean deleteNote(String tenantId, long noteId) {
    return update("DELETE FROM recording_notes WHERE tenant_id = :tenant AND id = :id", Map.of("tenant", tenantId, "id", noteId));
  }

  private static Note mapNote(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Note(rs.getLong("id"), rs.getString("recording_id"), rs.getLong("at_ms"), rs.getString("author"),
        rs.getString("body"), Sql.instant(rs, "created_at"));
  }

  @Override
  public List<Tag> tags(String tenantId, String recordingId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT kind, tag FROM recording_tags WHERE tenant_id = :tenant"
            + " AND recording_id = :rec ORDER BY kind, tag")
        .bind("tenant", tenantId).bind("rec", recordingId)
        .map((rs, ctx) -> new Tag(Tag.Kind.parse(rs.getString(1)), rs.getString(2))).list());
  }

  @Override
  public boolean addTag(String tenantId, String recordingId, Tag tag, String by, Instant at) {
    return jdbi.inTransaction(h -> {
      boolean exists = h.createQuery("SELECT COUNT(*) FROM recording_tags WHERE recording_id = :rec AND kind = :kind"
              + " AND tag = :tag").bind("rec", recordingId).bind("kind", tag.kind().label()).bind("tag", tag.tag())
          .mapTo(Integer.class).one() > 0;
      if (!exists) {
        h.createUpdate("INSERT INTO recording_tags (tenant_id, recording_id, kind, tag, added_by, added_at)"
                + " VALUES (:tenant, :rec, :kind, :tag, :by, :at)")
            .bind("tenant", tenantId).bind("rec", recordingId).bind("kind", tag.kind().label()).bind("tag", tag.tag())
            .bind("by", by).bind("at", Sql.millis(at)).execute();
      }
      return !exists;
    });
  }

  @Override
  public boolean removeTag(String tenantId, String recordingId, Tag tag) {
    return update("DELETE FROM recording_tags WHERE tenant_id = :tenant AND recording_id = :rec AND kind = :kind"
        + " AND tag = :tag", Map.of("tenant", tenantId, "rec", recordingId, "kind", tag.kind().label(), "tag", tag.tag()));
  }

  @Override
  public boolean setScore(String tenantId, String recordingId, Integer score) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE recordings SET qa_score = :score WHERE tenant_id = :tenant"
            + " AND id = :rec").bind("score", score).bind("tenant", tenantId).bind("rec", recordingId).execute()) > 0;
  }

  @Override
  public List<String> collections(String tenantId, String recordingId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT collection FROM recording_collections WHERE tenant_id = :tenant"
            + " AND recording_id = :rec ORDER BY collection")
        .bind("tenant", tenantId).bind("rec", recordingId).mapTo(String.class).list());
  }

  @Override
  public boolean addToCollection(String tenantId, String recordingId, String collection, String by, Instant at) {
    return jdbi.inTransaction(h -> {
      boolean exists = h.createQuery("SELECT COUNT(*) FROM recording_collections WHERE recording_id = :rec"
              + " AND collection = :c").bind("rec", recordingId).bind("c", collection).mapTo(Integer.class).one() > 0;
      if (!exists) {
        h.createUpdate("INSERT INTO recording_collections (tenant_id, recording_id, collection, added_by, added_at)"
                + " VALUES (:tenant, :rec, :c, :by, :at)")
            .bind("tenant", tenantId).bind("rec", recordingId).bind("c", collection).bind("by", by)
            .bind("at", Sql.millis(at)).execute();
      }
      return !exists;
    });
  }

  @Override
  public boolean removeFromCollection(String tenantId, String recordingId, String collection) {
    return update("DELETE FROM recording_collections WHERE tenant_id = :tenant AND recording_id = :rec AND collection = :c",
        Map.of("tenant", tenantId, "rec", recordingId, "c", collection));
  }

  @Override
  public void insertShare(Share s, String tokenHash) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO recording_shares (id, tenant_id, recording_id, token_hash, created_by,"
            + " created_at, expires_at) VALUES (:id, :tenant, :rec, :hash, :by, :created, :expires)")
        .bind("id", s.id()).bind("tenant", s.tenantId()).bind("rec", s.recordingId()).bind("hash", tokenHash)
        .bind("by", s.createdBy()).bind("created", Sql.millis(s.createdAt())).bind("expires", Sql.millis(s.expiresAt()))
        .execute());
  }

  private static final String SHARE_COLUMNS = "id, tenant_id, recording_id, created_by, created_at, expires_at, revoked_at";

  @Override
  public Optional<Share> shareByTokenHash(String tokenHash) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + SHARE_COLUMNS + " FROM recording_shares WHERE token_hash = :hash")
        .bind("hash", tokenHash).map(JdbiLibraryRepository::share).findOne());
  }

  @Override
  public List<Share> shares(String tenantId, String recordingId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + SHARE_COLUMNS + " FROM recording_shares WHERE tenant_id = :tenant"
            + " AND recording_id = :rec ORDER BY created_at DESC")
        .bind("tenant", tenantId).bind("rec", recordingId).map(JdbiLibraryRepository::share).list());
  }

  @Override
  public boolean revokeShare(String tenantId, String shareId, Instant at) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE recording_shares SET revoked_at = :at WHERE tenant_id = :tenant"
            + " AND id = :id AND revoked_at IS NULL")
        .bind("at", Sql.millis(at)).bind("tenant", tenantId).bind("id", shareId).execute()) > 0;
  }

  private static Share share(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Share(rs.getString("id"), rs.getString("tenant_id"), rs.getString("recording_id"), rs.getString("created_by"),
        Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "revoked_at"));
  }

  private boolean update(String sql, Map<String, Object> binds) {
    return jdbi.withHandle(h -> {
      var u = h.createUpdate(sql);
      binds.forEach(u::bind);
      return u.execute();
    }) > 0;
  }
}

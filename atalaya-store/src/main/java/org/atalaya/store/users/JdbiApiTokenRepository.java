package org.atalaya.store.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.atalaya.core.users.ApiToken;
import org.atalaya.core.users.ApiTokenRepository;
import org.atalaya.store.Sql;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** API tokens in {@code api_tokens}. */
public final class JdbiApiTokenRepository implements ApiTokenRepository {
  private static final String COLUMNS = "id, tenant_id, login, name, created_at, last_used_at";
  private final Jdbi jdbi;

  public JdbiApiTokenRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public ApiToken insert(String tenantId, String login, String name, String secretHash, Instant createdAt) {
    long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO api_tokens (tenant_id, login, name, secret_hash, created_at)"
            + " VALUES (:tenant, :login, :name, :hash, :created)")
        .bind("tenant", tenantId).bind("login", login).bind("name", name).bind("hash", secretHash)
        .bind("created", Sql.millis(createdAt))
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    return new ApiToken(id, tenantId, login, name, Instant.ofEpochMilli(createdAt.toEpochMilli()), null);
  }

  @Override
  public Optional<ApiToken> bySecretHash(String secretHash) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE secret_hash = :hash")
        .bind("hash", secretHash).map(JdbiApiTokenRepository::map).findOne());
  }

  @Override
  public List<ApiToken> list(String tenantId, String login) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE tenant_id = :tenant"
            + (login == null ? "" : " AND login = :login") + " ORDER BY created_at DESC, id DESC")
        .bind("tenant", tenantId).bind("login", login).map(JdbiApiTokenRepository::map).list());
  }

  @Override
  public Optional<ApiToken> byId(String tenantId, long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE tenant_id = :tenant AND id = :id")
        .bind("tenant", tenantId).bind("id", id).map(JdbiApiTokenRepository::map).findOne());
  }

  @Override
  public boolean delete(String tenantId, long id) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM api_tokens WHERE tenant_id = :tenant AND id = :id")
        .bind("tenant", tenantId).bind("id", id).execute()) > 0;
  }

  @Override
  public void touch(long id, Instant usedAt) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE api_tokens SET last_used_at = :at WHERE id = :id")
        .bind("at", Sql.millis(usedAt)).bind("id", id).execute());
  }

  private static ApiToken map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ApiToken(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("login"), rs.getString("name"),
        Sql.instant(rs, "created_at"), Sql.instant(rs, "last_used_at"));
  }
}

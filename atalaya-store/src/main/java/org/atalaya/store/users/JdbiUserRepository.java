package org.atalaya.store.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.atalaya.core.agents.AgentRepository.DuplicateException;
import org.atalaya.core.users.Role;
import org.atalaya.core.users.User;
import org.atalaya.core.users.UserRepository;
import org.atalaya.store.Sql;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Web and API users in the {@code users} table. */
public final class JdbiUserRepository implements UserRepository {
  private static final String COLUMNS = "id, tenant_id, login, role, password_hash, agent_extension, created_at";
  private final Jdbi jdbi;

  public JdbiUserRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public User insert(User user) throws DuplicateException {
    try {
      jdbi.useHandle(h -> h.createUpdate(
              "INSERT INTO users (tenant_id, login, role, password_hash, agent_extension, created_at)"
                  + " VALUES (:tenant, :login, :role, :hash, :ext, :created)")
          .bind("tenant", user.tenantId())
          .bind("login", user.login())
          .bind("role", user.role().name())
          .bind("hash", user.passwordHash())
          .bind("ext", user.agentExtension())
          .bind("created", Sql.millis(user.createdAt()))
          .execute());
      return byLogin(user.login()).orElseThrow();
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new DuplicateException("login " + user.login() + " already exists");
      }
      throw e;
    }
  }

  @Override
  public Optional<User> byLogin(String login) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE login = :login")
        .bind("login", login).map(JdbiUserRepository::map).findOne());
  }

  @Override
  public List<User> list(String tenantId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM users WHERE tenant_id = :tenant ORDER BY login")
        .bind("tenant", tenantId).map(JdbiUserRepository::map).list());
  }

  @Override
  public boolean updatePassword(String login, String passwordHash) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE users SET password_hash = :hash WHERE login = :login")
        .bind("hash", passwordHash).bind("login", login).execute()) > 0;
  }

  private static User map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new User(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("login"), Role.valueOf(rs.getString("role")),
        rs.getString("password_hash"), rs.getString("agent_extension"), Sql.instant(rs, "created_at"));
  }
}

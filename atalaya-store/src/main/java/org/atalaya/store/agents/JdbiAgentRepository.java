package org.atalaya.store.agents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.atalaya.core.agents.Agent;
import org.atalaya.core.agents.AgentRepository;
import org.atalaya.store.Sql;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Agents' SIP accounts in the {@code agents} table. */
public final class JdbiAgentRepository implements AgentRepository {
  private static final String COLUMNS = "id, tenant_id, extension, name, sip_ha1, created_at";
  private final Jdbi jdbi;

  public JdbiAgentRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Agent insert(Agent agent) throws DuplicateException {
    try {
      long id = jdbi.withHandle(h -> h.createUpdate(
              "INSERT INTO agents (tenant_id, extension, name, sip_ha1, created_at)"
                  + " VALUES (:tenant, :ext, :name, :ha1, :created)")
          .bind("tenant", agent.tenantId())
          .bind("ext", agent.extension())
          .bind("name", agent.name())
          .bind("ha1", agent.sipHa1())
          .bind("created", Sql.millis(agent.createdAt()))
          .executeAndReturnGeneratedKeys("id")
          .mapTo(Long.class)
          .one());
      return byId(id);
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new DuplicateException("extension " + agent.extension() + " already exists");
      }
      throw e;
    }
  }

  private Agent byId(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM agents WHERE id = :id")
        .bind("id", id).map(JdbiAgentRepository::map).one());
  }

  @Override
  public Optional<Agent> byExtension(String extension) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM agents WHERE extension = :ext")
        .bind("ext", extension).map(JdbiAgentRepository::map).findOne());
  }

  @Override
  public List<Agent> list(String tenantId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM agents WHERE tenant_id = :tenant ORDER BY extension")
        .bind("tenant", tenantId).map(JdbiAgentRepository::map).list());
  }

  @Override
  public boolean delete(String tenantId, String extension) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM agents WHERE tenant_id = :tenant AND extension = :ext")
        .bind("tenant", tenantId).bind("ext", extension).execute()) > 0;
  }

  private static Agent map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Agent(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("extension"), rs.getString("name"),
        rs.getString("sip_ha1"), Sql.instant(rs, "created_at"));
  }
}

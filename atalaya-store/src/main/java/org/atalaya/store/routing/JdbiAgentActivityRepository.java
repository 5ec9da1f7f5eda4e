package org.atalaya.store.routing;

import java.time.Instant;
import java.util.List;
import org.atalaya.core.routing.AgentActivity;
import org.atalaya.core.routing.AgentActivityRepository;
import org.atalaya.core.routing.AgentState;
import org.atalaya.store.Sql;
import org.jdbi.v3.core.Jdbi;

/** The agents' state history in {@code agent_activity} (V24), append-only. */
public final class JdbiAgentActivityRepository implements AgentActivityRepository {
  private final Jdbi jdbi;

  public JdbiAgentActivityRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void append(AgentActivity a) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO agent_activity (tenant_id, agent_extension, state, started_at,"
            + " ended_at, pause_reason, call_id) VALUES (:tenant, :agent, :state, :since, :until, :reason, :call)")
        .bind("tenant", a.tenantId())
        .bind("agent", a.agentExtension())
        .bind("state", a.state().name())
        .bind("since", Sql.millis(a.since()))
        .bind("until", Sql.millis(a.until()))
        .bind("reason", a.pauseReason())
        .bind("call", a.callId())
        .execute());
  }

  @Override
  public List<AgentActivity> overlapping(String tenantId, Instant from, Instant to) {
    return jdbi.withHandle(h -> h.createQuery("SELECT agent_extension, state, started_at, ended_at, pause_reason,"
            + " call_id FROM agent_activity WHERE tenant_id = :tenant AND ended_at > :from AND started_at < :to"
            + " ORDER BY agent_extension, started_at, ended_at")
        .bind("tenant", tenantId).bind("from", Sql.millis(from)).bind("to", Sql.millis(to))
        .map((rs, ctx) -> new AgentActivity(tenantId, rs.getString("agent_extension"),
            AgentState.valueOf(rs.getString("state")), Sql.instant(rs, "started_at"), Sql.instant(rs, "ended_at"),
            rs.getString("pause_reason"), rs.getString("call_id")))
        .list());
  }
}

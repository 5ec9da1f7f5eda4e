package org.atalaya.store.ivr;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.atalaya.core.ivr.IvrRepository;
import org.jdbi.v3.core.Jdbi;

/** IVR documents in {@code ivr_flows}, {@code business_hours} and {@code routing_documents}; a save replaces in one transaction. */
public final class JdbiIvrRepository implements IvrRepository {
  private final Jdbi jdbi;

  public JdbiIvrRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public List<String> flowIds(String tenantId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT flow_id FROM ivr_flows WHERE tenant_id = :t ORDER BY flow_id")
        .bind("t", tenantId).mapTo(String.class).list());
  }

  @Override
  public Optional<String> flow(String tenantId, String flowId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT body FROM ivr_flows WHERE tenant_id = :t AND flow_id = :f")
        .bind("t", tenantId).bind("f", flowId).mapTo(String.class).findOne());
  }

  @Override
  public void saveFlow(String tenantId, String flowId, String json, String updatedBy, Instant at) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM ivr_flows WHERE tenant_id = :t AND flow_id = :f").bind("t", tenantId)
          .bind("f", flowId).execute();
      h.createUpdate("INSERT INTO ivr_flows (tenant_id, flow_id, body, updated_at, updated_by) VALUES (:t, :f, :b, :at,"
              + " :by)")
          .bind("t", tenantId).bind("f", flowId).bind("b", json).bind("at", at.toEpochMilli()).bind("by", updatedBy)
          .execute();
    });
  }

  @Override
  public boolean deleteFlow(String tenantId, String flowId) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM ivr_flows WHERE tenant_id = :t AND flow_id = :f")
        .bind("t", tenantId).bind("f", flowId).execute()) > 0;
  }

  @Override
  public Optional<String> hours(String tenantId) {
    return document("business_hours", tenantId);
  }

  @Override
  public void saveHours(String tenantId, String json, String updatedBy, Instant at) {
    saveDocument("business_hours", tenantId, json, updatedBy, at);
  }

  @Override
  public Optional<String> routing(String tenantId) {
    return document("routing_documents", tenantId);
  }

  @Override
  public void saveRouting(String tenantId, String json, String updatedBy, Instant at) {
    saveDocument("routing_documents", tenantId, json, updatedBy, at);
  }

  // The table names are the two constants above, never input.
  private Optional<String> document(String table, String tenantId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT body FROM " + table + " WHERE tenant_id = :t")
        .bind("t", tenantId).mapTo(String.class).findOne());
  }

  private void saveDocument(String table, String tenantId, String json, String updatedBy, Instant at) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM " + table + " WHERE tenant_id = :t").bind("t", tenantId).execute();
      h.createUpdate("INSERT INTO " + table + " (tenant_id, body, updated_at, updated_by) VALUES (:t, :b, :at, :by)")
          .bind("t", tenantId).bind("b", json).bind("at", at.toEpochMilli()).bind("by", updatedBy).execute();
    });
  }
}

package org.atalaya.store.sla;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.atalaya.core.sla.SlaAlert;
import org.atalaya.core.sla.SlaComparator;
import org.atalaya.core.sla.SlaDefinition;
import org.atalaya.core.sla.SlaMetric;
import org.atalaya.core.sla.SlaPeriod;
import org.atalaya.core.sla.SlaRepository;
import org.atalaya.core.sla.WebhookConfig;
import org.atalaya.core.sla.WebhookDelivery;
import org.atalaya.store.Sql;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** SLA data in {@code sla_definitions}, {@code sla_breaches}, {@code sla_webhooks}, {@code sla_webhook_deliveries}. */
public final class JdbiSlaRepository implements SlaRepository {
  private static final String DEF_COLUMNS = "name, metric, comparator, target, threshold_s, queue_name, period, zone,"
      + " min_calls";
  private static final String DEF_VALUES = ":name, :metric, :comparator, :target, :threshold, :queue, :period, :zone,"
      + " :minCalls";
  private final Jdbi jdbi;

  public JdbiSlaRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public List<SlaDefinition> definitions(String tenantId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, " + DEF_COLUMNS + " FROM sla_definitions WHERE tenant_id = :t"
        + " ORDER BY id").bind("t", tenantId).map((rs, ctx) -> definition(rs, "id")).list());
  }

  @Override
  public Optional<SlaDefinition> definition(String tenantId, String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, " + DEF_COLUMNS + " FROM sla_definitions WHERE tenant_id = :t"
        + " AND id = :id").bind("t", tenantId).bind("id", id).map((rs, ctx) -> definition(rs, "id")).findOne());
  }

  @Override
  public boolean saveDefinition(String tenantId, SlaDefinition d, String updatedBy, Instant at) {
    return jdbi.inTransaction(h -> {
      boolean existed = h.createUpdate("DELETE FROM sla_definitions WHERE tenant_id = :t AND id = :id")
          .bind("t", tenantId).bind("id", d.id()).execute() > 0;
      bindDefinition(h.createUpdate("INSERT INTO sla_definitions (tenant_id, id, " + DEF_COLUMNS + ", updated_at,"
          + " updated_by) VALUES (:t, :id, " + DEF_VALUES + ", :at, :by)"), d)
          .bind("t", tenantId).bind("at", at.toEpochMilli()).bind("by", updatedBy).execute();
      return !existed;
    });
  }

  @Override
  public boolean deleteDefinition(String tenantId, String id) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sla_definitions WHERE tenant_id = :t AND id = :id")
        .bind("t", tenantId).bind("id", id).execute()) > 0;
  }

  @Override
  public List<String> tenantsWithDefinitions() {
    return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT tenant_id FROM sla_definitions ORDER BY tenant_id")
        .mapTo(String.class).list());
  }

  @Override
  public boolean saveBreach(SlaAlert b) {
    try {
      jdbi.useHandle(h -> bindDefinition(h.createUpdate("INSERT INTO sla_breaches (id, tenant_id, definition_id, "
          + DEF_COLUMNS + ", period_start, period_end, actual, calls, detected_at) VALUES (:bid, :t, :id, " + DEF_VALUES
          + ", :start, :end, :actual, :calls, :detected)"), b.definition())
          .bind("bid", b.id()).bind("t", b.tenantId()).bind("start", b.periodStart().toEpochMilli())
          .bind("end", b.periodEnd().toEpochMilli()).bind("actual", b.actual()).bind("calls", b.calls())
          .bind("detected", b.detectedAt().toEpochMilli()).execute());
      return true;
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public List<SlaAlert> breaches(String tenantId, Instant from, Instant to) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM sla_breaches WHERE tenant_id = :t AND period_start >= :from"
            + " AND period_start < :to ORDER BY period_start, definition_id")
        .bind("t", tenantId).bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli())
        .map((rs, ctx) -> new SlaAlert(rs.getString("id"), rs.getString("tenant_id"), SlaAlert.Kind.BREACH,
            definition(rs, "definition_id"), Sql.instant(rs, "period_start"), Sql.instant(rs, "period_end"),
            rs.getDouble("actual"), rs.getInt("calls"), Sql.instant(rs, "detected_at")))
        .list());
  }

  @Override
  public Optional<WebhookConfig> webhook(String tenantId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT urls, secret FROM sla_webhooks WHERE tenant_id = :t")
        .bind("t", tenantId)
        .map((rs, ctx) -> new WebhookConfig(Arrays.stream(rs.getString("urls").split("\n")).filter(u -> !u.isBlank())
            .map(URI::create).toList(), rs.getString("secret")))
        .findOne());
  }

  @Override
  public void saveWebhook(String tenantId, WebhookConfig c, String updatedBy, Instant at) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM sla_webhooks WHERE tenant_id = :t").bind("t", tenantId).execute();
      h.createUpdate("INSERT INTO sla_webhooks (tenant_id, urls, secret, updated_at, updated_by) VALUES (:t, :urls,"
              + " :secret, :at, :by)")
          .bind("t", tenantId).bind("urls", String.join("\n", c.urls().stream().map(URI::toString).toList()))
          .bind("secret", c.secret()).bind("at", at.toEpochMilli()).bind("by", updatedBy).execute();
    });
  }

  @Override
  public void saveDelivery(WebhookDelivery d) {
    String error = d.error() == null || d.error().length() <= 500 ? d.error() : d.error().substring(0, 500);
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO sla_webhook_deliveries (id, tenant_id, breach_id, url, attempt, attempted_at,"
            + " status, error, delivered) VALUES (:id, :t, :b, :url, :attempt, :at, :status, :error, :ok)")
        .bind("id", d.id()).bind("t", d.tenantId()).bind("b", d.breachId()).bind("url", d.url())
        .bind("attempt", d.attempt()).bind("at", d.at().toEpochMilli()).bind("status", d.status())
        .bind("error", error).bind("ok", d.delivered()).execute());
  }

  @Override
  public List<WebhookDelivery> deliveries(String tenantId, int limit) {
    Sql.checkPage(0, limit);
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM sla_webhook_deliveries WHERE tenant_id = :t"
            + " ORDER BY attempted_at DESC, attempt DESC LIMIT :limit")
        .bind("t", tenantId).bind("limit", limit)
        .map((rs, ctx) -> new WebhookDelivery(rs.getString("id"), rs.getString("tenant_id"), rs.getString("breach_id"),
            rs.getString("url"), rs.getInt("attempt"), Sql.instant(rs, "attempted_at"), (Integer) rs.getObject("status"),
            rs.getString("error"), rs.getBoolean("delivered")))
        .list());
  }

  private static <S extends SqlStatement<S>> S bindDefinition(S s, SlaDefinition d) {
    return s.bind("id", d.id()).bind("name", d.name()).bind("metric", d.metric().wire())
        .bind("comparator", d.comparator().wire()).bind("target", d.target()).bind("threshold", d.thresholdSeconds())
        .bind("queue", d.queue()).bind("period", d.period().wire()).bind("zone", d.zone().getId())
        .bind("minCalls", d.minCalls());
  }

  private static SlaDefinition definition(ResultSet rs, String idColumn) throws SQLException {
    return new SlaDefinition(rs.getString(idColumn), rs.getString("name"), SlaMetric.parse(rs.getString("metric")),
        SlaComparator.parse(rs.getString("comparator")), rs.getDouble("target"), (Integer) rs.getObject("threshold_s"),
        rs.getString("queue_name"), SlaPeriod.parse(rs.getString("period")), ZoneId.of(rs.getString("zone")),
        rs.getInt("min_calls"));
  }
}

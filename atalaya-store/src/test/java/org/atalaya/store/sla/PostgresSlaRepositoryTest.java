package org.atalaya.store.sla;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.atalaya.core.sla.SlaRepository;
import org.atalaya.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The SLA repository contract on a real PostgreSQL server (one per class, tables emptied per
 * test). Its own class rather than a line in PostgresRepositoriesTest, so the SLA tables stay out
 * of that class's TRUNCATE list.
 */
class PostgresSlaRepositoryTest implements SlaRepositoryContract {
  private static EmbeddedPostgres postgres;
  private static Database db;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    db = Database.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
  }

  @AfterAll
  static void stop() throws Exception {
    if (db != null) {
      db.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @BeforeEach
  void empty() {
    db.jdbi().useHandle(h -> h.execute("TRUNCATE sla_definitions, sla_breaches, sla_webhooks, sla_webhook_deliveries"));
  }

  @Override
  public SlaRepository sla() {
    return new JdbiSlaRepository(db.jdbi());
  }
}

package org.atalaya.store.sla;

import java.util.UUID;
import org.atalaya.core.sla.SlaRepository;
import org.atalaya.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The SLA repository contract on a fresh in-memory H2 database per test. */
class H2SlaRepositoryTest implements SlaRepositoryContract {
  private Database db;

  @BeforeEach
  void open() {
    db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  @AfterEach
  void close() throws Exception {
    // DB_CLOSE_DELAY=-1 keeps the in-memory database past its last connection: drop it explicitly.
    var c = db.dataSource().getConnection();
    c.createStatement().execute("SHUTDOWN");
    db.close();
  }

  @Override
  public SlaRepository sla() {
    return new JdbiSlaRepository(db.jdbi());
  }
}

package org.atalaya.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** The metadata database: a pooled DataSource, migrated by Flyway on open, used through Jdbi. */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
  }

  /**
   * Connects and migrates. For the embedded default use
   * {@code jdbc:h2:file:<dataDir>/atalaya;AUTO_SERVER=TRUE}: AUTO_SERVER lets a second process
   * (the CLI adding an agent) open the same file while the server runs.
   */
  public static Database open(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setPoolName("atalaya-db");
    // Small on purpose: H2 serializes writes anyway, and PostgreSQL connections are costly.
    config.setMaximumPoolSize(10);
    HikariDataSource ds = new HikariDataSource(config);
    try {
      migrate(ds);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds);
  }

  private static void migrate(DataSource ds) {
    Flyway.configure().dataSource(ds).locations("classpath:db/migration")
        .javaMigrations(new org.atalaya.store.migration.V12__FillReversedNumbers()).load().migrate();
  }

  /** The default embedded URL for a data directory. */
  public static String h2FileUrl(java.nio.file.Path dataDir) {
    // WRITE_DELAY=0: every commit reaches the file at once, so a killed process loses none.
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("atalaya") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}

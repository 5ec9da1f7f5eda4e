package org.atalaya.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.atalaya.store.migration.V12__FillReversedNumbers;
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
   * Connects and migrates. The embedded default's URLs come from {@link EmbeddedH2}: the node opens
   * the file and shares it, another process (the CLI) reaches it through the node.
   */
  public static Database open(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(withoutH2ExitHook(jdbcUrl));
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

  /**
   * An embedded H2 URL with {@code DB_CLOSE_ON_EXIT=FALSE} unless it says otherwise: H2's own JVM
   * shutdown hook would close the database while Atalaya is still ending calls and finalizing
   * their recordings (rows left RECORDING, "database is already closed"). Atalaya closes it, last.
   * Not for a client of an H2 server (the server's process owns that database), nor with H2's
   * AUTO_SERVER, which H2 allows only with its hook on ({@link EmbeddedH2} replaces it).
   */
  static String withoutH2ExitHook(String jdbcUrl) {
    String upper = jdbcUrl.toUpperCase(java.util.Locale.ROOT);
    if (!upper.startsWith("JDBC:H2:") || upper.startsWith("JDBC:H2:TCP:") || upper.startsWith("JDBC:H2:SSL:")
        || upper.contains("DB_CLOSE_ON_EXIT=") || upper.contains("AUTO_SERVER=TRUE")) {
      return jdbcUrl;
    }
    return jdbcUrl + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  private static void migrate(DataSource ds) {
    Flyway.configure().dataSource(ds).locations("classpath:db/migration")
        .javaMigrations(new V12__FillReversedNumbers()).load().migrate();
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

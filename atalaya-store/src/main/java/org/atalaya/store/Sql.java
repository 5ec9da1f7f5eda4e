package org.atalaya.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Small helpers shared by the Jdbi repositories. */
public final class Sql {
  // SQLSTATE for unique_violation; H2 2.x and PostgreSQL both report it.
  private static final String UNIQUE_VIOLATION = "23505";

  private Sql() {}

  /** True when the statement failed on a unique key. */
  public static boolean isUniqueViolation(UnableToExecuteStatementException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** Epoch millis, or null. Timestamps are stored as BIGINT millis on every database. */
  public static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  /** The instant in a BIGINT millis column, or null when the column is NULL. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }

  /** Rejects paging values that would make a query scan everything or fail in the driver. */
  public static void checkPage(int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must not be negative");
    }
  }
}

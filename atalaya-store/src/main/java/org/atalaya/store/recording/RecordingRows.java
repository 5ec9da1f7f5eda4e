package org.atalaya.store.recording;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.store.Sql;
import org.jdbi.v3.core.statement.StatementContext;

/** The {@code recordings} columns and their mapping, shared by the repositories that read them. */
public final class RecordingRows {
  public static final String COLUMNS = "id, tenant_id, call_id, from_number, to_number, agent_extension, started_at,"
      + " duration_millis, size_bytes, sample_rate, channels, storage_key, sha256, status";

  private RecordingRows() {}

  /** A number written backwards, stored beside it so that "ends with" searches use an index. */
  public static String reversed(String number) {
    return number == null ? null : new StringBuilder(number).reverse().toString();
  }

  /** The columns qualified by a table alias, for joins. */
  public static String prefixed(String alias) {
    return Arrays.stream(COLUMNS.split(",")).map(c -> alias + "." + c.strip()).collect(Collectors.joining(", "));
  }

  public static RecordingInfo map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new RecordingInfo(rs.getString("id"), rs.getString("tenant_id"), rs.getString("call_id"),
        rs.getString("from_number"), rs.getString("to_number"), rs.getString("agent_extension"),
        Sql.instant(rs, "started_at"), rs.getLong("duration_millis"), rs.getLong("size_bytes"),
        rs.getInt("sample_rate"), rs.getInt("channels"), rs.getString("storage_key"), rs.getString("sha256"),
        RecordingInfo.Status.valueOf(rs.getString("status")));
  }
}

package org.atalaya.store.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.atalaya.store.recording.RecordingRows;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills {@code from_reversed} and {@code to_reversed} (V11) for recordings stored before them. In
 * Java because H2 has no REVERSE function; batches of 5,000 keep memory flat on large tenants.
 */
public final class V12__FillReversedNumbers extends BaseJavaMigration {
  private static final int BATCH = 5_000;

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    String last = "";
    while (true) {
      List<String[]> rows = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement("SELECT id, from_number, to_number FROM recordings"
          + " WHERE id > ? ORDER BY id LIMIT " + BATCH)) {
        select.setString(1, last);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
          }
        }
      }
      if (rows.isEmpty()) {
        return;
      }
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE recordings SET from_reversed = ?, to_reversed = ? WHERE id = ?")) {
        for (String[] row : rows) {
          update.setString(1, RecordingRows.reversed(row[1]));
          update.setString(2, RecordingRows.reversed(row[2]));
          update.setString(3, row[0]);
          update.addBatch();
        }
        update.executeBatch();
      }
      last = rows.get(rows.size() - 1)[0];
    }
  }
}

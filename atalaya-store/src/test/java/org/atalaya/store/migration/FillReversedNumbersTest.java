package org.atalaya.store.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.atalaya.core.library.RecordingQuery;
import org.atalaya.store.Database;
import org.atalaya.store.library.JdbiLibraryRepository;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings stored before V11 are found by the end of their number once V12 has run. */
class FillReversedNumbersTest {
  @TempDir Path dir;

  @Test
  void recordingsStoredBeforeTheColumnsAreFoundByTheirLastDigits() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("old");
    Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("10").load().migrate();
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
      for (int i = 0; i < 12_001; i++) { // more than two batches
        s.addBatch("INSERT INTO recordings (id, tenant_id, call_id, from_number, to_number, agent_extension, started_at,"
            + " duration_millis, size_bytes, sample_rate, channels, storage_key, status) VALUES ('r" + i + "', 't', 'c"
            + i + "', '+346" + String.format("%08d", i) + "', '900100200', '1001', " + i + ", 1000, 32000, 8000, 2, 'k"
            + i + "', 'COMPLETE')");
      }
      s.executeBatch();
    }
    try (Database db = Database.open(url, "sa", "")) {
      var library = new JdbiLibraryRepository(db.jdbi());
      assertThat(library.search("t", null, number("00012000"), 0, 10)).extracting(i -> i.recording().id())
          .containsExactly("r12000");
      assertThat(library.search("t", null, number("+34600000007"), 0, 10)).extracting(i -> i.recording().id())
          .containsExactly("r7");
      assertThat(library.search("t", null, number("100200"), 0, 5)).hasSize(5);
      Integer unfilled = db.jdbi().withHandle(h -> h.createQuery(
          "SELECT COUNT(*) FROM recordings WHERE from_reversed IS NULL OR to_reversed IS NULL").mapTo(Integer.class).one());
      assertThat(unfilled).isZero();
    }
  }

  private static RecordingQuery number(String n) {
    return new RecordingQuery(null, null, null, null, n, null, null, null, null, null, null, null, null);
  }
}

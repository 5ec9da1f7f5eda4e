package org.atalaya.store.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.atalaya.core.library.RecordingQuery;
import org.atalaya.core.library.Tag;
import org.atalaya.store.Database;

/**
 * Library search on a large tenant: seeds N recordings (default 1 000 000) with their calls,
 * tags on 10 %, notes on 2 % and scores on 20 % into an H2 file database (or the JDBC URL given),
 * then times the searches a QA analyst makes. Run with {@code bench/library.sh}; not part of
 * {@code ./mvnw verify}.
 */
public final class LibrarySearchBench {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final int DAYS = 300;

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = Files.createTempDirectory("library-bench");
    String url = args.length > 1 ? args[1] : "jdbc:h2:file:" + dir.resolve("bench") + ";CACHE_SIZE=262144";
    try (Database db = Database.open(url, args.length > 2 ? args[2] : "sa", args.length > 3 ? args[3] : "")) {
      run(db, n, url);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static void run(Database db, int n, String url) throws Exception {
    {
      long t = System.nanoTime();
      seed(db, n);
      System.out.printf("seeded %,d recordings in %.1f s (%s)%n", n, (System.nanoTime() - t) / 1e9, url.split(";")[0]);
      JdbiLibraryRepository repo = new JdbiLibraryRepository(db.jdbi());
      Instant mid = T0.plusSeconds(86_400L * 150);
      Map<String, Supplier<RecordingQuery>> queries = new LinkedHashMap<>();
      queries.put("newest page, no filter", () -> RecordingQuery.ALL);
      queries.put("one day", () -> new RecordingQuery(mid, mid.plusSeconds(86_400), null, null, null, null, null, null,
          null, null, null, null, null));
      queries.put("agent, one month", () -> new RecordingQuery(mid, mid.plusSeconds(86_400L * 30), "1042", null, null, null,
          null, null, null, null, null, null, null));
      // A caller's whole number, and the last digits of it (what an analyst types from a complaint ticket).
      String caller = db.jdbi().withHandle(h -> h.createQuery("SELECT from_number FROM recordings WHERE id = 'r00000777'")
          .mapTo(String.class).one());
      queries.put("caller's whole number", () -> new RecordingQuery(null, null, null, null, caller, null, null, null, null,
          null, null, null, null));
      queries.put("last 6 digits of a number", () -> new RecordingQuery(null, null, null, null,
          caller.substring(caller.length() - 6), null, null, null, null, null, null, null, null));
      queries.put("the dialled line (every call)", () -> new RecordingQuery(null, null, null, null, "900100200", null,
          null, null, null, null, null, null, null));
      queries.put("queue + duration > 10 min", () -> new RecordingQuery(null, null, null, "support", null, null, 600, null,
          null, null, null, null, null));
      queries.put("tag type:complaint", () -> new RecordingQuery(null, null, null, null, null, null, null, null,
          List.of(new Tag(Tag.Kind.TYPE, "complaint")), null, null, null, null));
      queries.put("has notes, one week", () -> new RecordingQuery(mid, mid.plusSeconds(86_400L * 7), null, null, null, null,
          null, null, null, true, null, null, null));
      queries.put("score >= 90", () -> new RecordingQuery(null, null, null, null, null, null, null, null, null, null, 90,
          null, null));
      System.out.println("| search (50 per page) | p50 ms | p99 ms | rows |");
      System.out.println("| --- | --- | --- | --- |");
      for (var q : queries.entrySet()) {
        int rows = 0;
        for (int i = 0; i < 5; i++) {
          rows = repo.search("bench", null, q.getValue().get(), 0, 50).size();
        }
        double[] ms = new double[40];
        for (int i = 0; i < ms.length; i++) {
          long s = System.nanoTime();
          repo.search("bench", null, q.getValue().get(), 0, 50);
          ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("| %s | %.1f | %.1f | %d |%n", q.getKey(), ms[ms.length / 2], ms[ms.length - 1], rows);
      }
    }
  }

  private static void seed(Database db, int n) throws Exception {
    Random random = new Random(42);
    String[] queues = {"sales", "support", "billing", "retention"};
    String[] types = {"complaint", "sale", "technical", "billing", "information"};
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement rec = c.prepareStatement("INSERT INTO recordings (id, tenant_id, call_id, from_number,"
              + " to_number, agent_extension, started_at, duration_millis, size_bytes, sample_rate, channels, storage_key,"
              + " sha256, status, qa_score, from_reversed, to_reversed) VALUES (?, 'bench', ?, ?, '900100200', ?, ?, ?, ?,"
              + " 8000, 2, ?, NULL, 'COMPLETE', ?, ?, '002001009')");
          PreparedStatement call = c.prepareStatement("INSERT INTO calls (id, tenant_id, from_number, from_name, to_number, queue_name,"
              + " agent_extension, started_at, ended_at, disposition, recording_id) VALUES (?, 'bench', ?, '', '900100200', ?, ?,"
              + " ?, ?, 'ANSWERED', ?)");
          PreparedStatement tag = c.prepareStatement("INSERT INTO recording_tags (tenant_id, recording_id, kind, tag,"
              + " added_by, added_at) VALUES ('bench', ?, 'type', ?, 'qa', 0)");
          PreparedStatement note = c.prepareStatement("INSERT INTO recording_notes (tenant_id, recording_id, at_ms, author,"
              + " body, created_at) VALUES ('bench', ?, 1000, 'qa', 'nota', 0)")) {
        for (int i = 0; i < n; i++) {
          String id = String.format("r%08d", i);
          long start = T0.toEpochMilli() + (long) (random.nextDouble() * DAYS * 86_400_000L);
          long duration = 20_000 + (long) (random.nextExponential() * 240_000);
          String from = "+346" + (10_000_000 + random.nextInt(90_000_000));
          String agent = Integer.toString(1000 + random.nextInt(200));
          rec.setString(1, id);
          rec.setString(2, "c" + id);
          rec.setString(3, from);
          rec.setString(4, agent);
          rec.setLong(5, start);
          rec.setLong(6, duration);
          rec.setLong(7, duration * 32);
          rec.setString(8, "bench/" + id + ".pcm");
          if (random.nextInt(5) == 0) {
            rec.setInt(9, random.nextInt(101));
          } else {
            rec.setNull(9, java.sql.Types.SMALLINT);
          }
          rec.setString(10, new StringBuilder(from).reverse().toString());
          rec.addBatch();
          call.setString(1, "c" + id);
          call.setString(2, from);
          call.setString(3, queues[random.nextInt(queues.length)]);
          call.setString(4, agent);
          call.setLong(5, start);
          call.setLong(6, start + duration);
          call.setString(7, id);
          call.addBatch();
          if (random.nextInt(10) == 0) {
            tag.setString(1, id);
            tag.setString(2, types[random.nextInt(types.length)]);
            tag.addBatch();
          }
          if (random.nextInt(50) == 0) {
            note.setString(1, id);
            note.addBatch();
          }
          if (i % 10_000 == 9_999) {
            rec.executeBatch();
            call.executeBatch();
            tag.executeBatch();
            note.executeBatch();
            c.commit();
          }
        }
        rec.executeBatch();
        call.executeBatch();
        tag.executeBatch();
        note.executeBatch();
        c.commit();
      }
    }
  }

  private LibrarySearchBench() {}
}

package org.atalaya.store.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
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
    String url = args.length > 1 ? args[1] : "jdbc:h2:file:" + dir.resolve("bench") + ";CACHE_SIZE=262144"
        // H2 hands back the last result of an identical query on an unchanged table; off, so
        // every run pays for its search.
        + ";OPTIMIZE_REUSE_RESULTS=FALSE";
    try (Database db = Database.open(url, args.length > 2 ? args[2] : "sa", args.length > 3 ? args[3] : "")) {
      run(db, n, url);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** A search whose parameters change with each run {@code i}, so no run repeats an earlier one. */
  private record Search(String name, IntFunction<RecordingQuery> query, IntUnaryOperator offset) {}

  private static RecordingQuery query(Instant from, Instant to, String agent, String queue, String number,
      Integer minSeconds, List<Tag> tags, Boolean hasNotes, Integer minScore) {
    return new RecordingQuery(from, to, agent, queue, number, null, minSeconds, null, tags, hasNotes, minScore, null, null);
  }

  private static void run(Database db, int n, String url) throws Exception {
    long t = System.nanoTime();
    seed(db, n);
    System.out.printf("seeded %,d recordings in %.1f s (%s)%n", n, (System.nanoTime() - t) / 1e9, url.split(";")[0]);
    JdbiLibraryRepository repo = new JdbiLibraryRepository(db.jdbi());
    String[] queues = {"sales", "support", "billing", "retention"};
    String[] types = {"complaint", "sale", "technical", "billing", "information"};
    // Callers' numbers of recordings spread over the whole set: what an analyst types from a ticket.
    List<String> callers = db.jdbi().withHandle(h -> h.createQuery("SELECT from_number FROM recordings WHERE id IN"
        + " (<ids>)").bindList("ids", java.util.stream.IntStream.range(0, 60)
            .mapToObj(i -> String.format("r%08d", (long) i * n / 60)).toList()).mapTo(String.class).list());
    IntFunction<Instant> day = i -> T0.plusSeconds(86_400L * (10 + (i * 7) % (DAYS - 40)));
    List<Search> searches = List.of(
        new Search("newest first, no filter (pages 1-45)", i -> RecordingQuery.ALL, i -> 50 * i),
        new Search("one day", i -> query(day.apply(i), day.apply(i).plusSeconds(86_400), null, null, null, null, null,
            null, null), i -> 0),
        new Search("one agent, one month", i -> query(day.apply(i), day.apply(i).plusSeconds(86_400L * 30),
            Integer.toString(1000 + i), null, null, null, null, null, null), i -> 0),
        new Search("a caller's whole number", i -> query(null, null, null, null, callers.get(i % callers.size()), null,
            null, null, null), i -> 0),
        new Search("last 6 digits of a number", i -> {
          String c = callers.get(i % callers.size());
          return query(null, null, null, null, c.substring(c.length() - 6), null, null, null, null);
        }, i -> 0),
        new Search("the dialled line (every call)", i -> query(null, null, null, null, "900100200", null, null, null,
            null), i -> 50 * i),
        new Search("queue + longer than 10 min", i -> query(null, null, null, queues[i % 4], null, 600 + i, null, null,
            null), i -> 0),
        new Search("one tag", i -> query(null, null, null, null, null, null,
            List.of(new Tag(Tag.Kind.TYPE, types[i % types.length])), null, null), i -> 50 * (i / 5)),
        new Search("has notes, one week", i -> query(day.apply(i), day.apply(i).plusSeconds(86_400L * 7), null, null,
            null, null, null, true, null), i -> 0),
        new Search("QA score at least 90", i -> query(null, null, null, null, null, null, null, null, 90 + i % 10),
            i -> 0));
    System.out.println("| search (50 per page) | p50 ms | p99 ms | rows on the first run |");
    System.out.println("| --- | --- | --- | --- |");
    for (Search search : searches) {
      int rows = -1;
      double[] ms = new double[45];
      for (int i = 0; i < ms.length + 5; i++) { // the first 5 warm the JIT, each with its own parameters
        long s = System.nanoTime();
        int found = repo.search("bench", null, search.query().apply(i), search.offset().applyAsInt(i), 50).size();
        if (i >= 5) {
          ms[i - 5] = (System.nanoTime() - s) / 1e6;
        }
        rows = rows < 0 ? found : rows;
      }
      Arrays.sort(ms);
      System.out.printf("| %s | %.1f | %.1f | %d |%n", search.name(), ms[ms.length / 2], ms[ms.length - 1], rows);
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

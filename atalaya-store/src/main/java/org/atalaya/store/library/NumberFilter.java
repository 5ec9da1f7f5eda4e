package org.atalaya.store.library;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.atalaya.store.recording.RecordingRows;
import org.jdbi.v3.core.Handle;

/**
 * The library's number filter: recordings whose customer or dialled number ends with the given
 * digits, through the reversed-number indexes (V11), planned by how many recordings match.
 *
 * <p>A rare number (a customer's) matches few recordings: their ids are read from the two
 * indexes first and the search becomes a primary-key lookup. A common one (the line every call
 * was made to) matches so many that the newest-first scan finds a page of them at once, so it
 * stays a plain condition. One SQL shape for both, an {@code IN (subquery)}, was tried: H2 took
 * minutes on 20,000 matches.
 */
final class NumberFilter {
  /** At most this many matches are looked up by id; more are filtered during the scan. */
  static final int FEW = 2_000;

  private NumberFilter() {}

  /**
   * The condition on {@code recordings r}, with its parameters put into {@code binds}; {@code byId}
   * when it names the matching ids, so the query should look them up rather than scan.
   */
  record Clause(String sql, boolean byId) {}

  static Clause clause(Handle h, String tenantId, String number, Map<String, Object> binds) {
    String pattern = RecordingRows.reversed(number) + "%";
    Set<String> ids = new LinkedHashSet<>();
    for (String column : List.of("from_reversed", "to_reversed")) {
      ids.addAll(h.createQuery("SELECT id FROM recordings WHERE tenant_id = :tenant AND " + column + " LIKE :pattern"
              + " LIMIT " + (FEW + 1))
          .bind("tenant", tenantId).bind("pattern", pattern).mapTo(String.class).list());
      if (ids.size() > FEW) {
        binds.put("number", pattern);
        return new Clause("(r.from_reversed LIKE :number OR r.to_reversed LIKE :number)", false);
      }
    }
    if (ids.isEmpty()) {
      return new Clause("1 = 0", true);
    }
    StringJoiner in = new StringJoiner(", ", "r.id IN (", ")");
    int i = 0;
    for (String id : ids) {
      binds.put("nid" + i, id);
      in.add(":nid" + i++);
    }
    return new Clause(in.toString(), true);
  }
}

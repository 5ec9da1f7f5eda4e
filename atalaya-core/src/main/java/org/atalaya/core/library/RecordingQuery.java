package org.atalaya.core.library;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a library search asks for; null (or empty) fields do not filter.
 *
 * @param from started at or after (inclusive)
 * @param to started before (exclusive)
 * @param agent the agent's extension
 * @param queue the call's queue
 * @param number the end of the customer's or the dialled number: the whole number or its last digits
 * @param direction inbound or outbound
 * @param minSeconds at least this long
 * @param maxSeconds at most this long
 * @param tags every one of them
 * @param hasNotes with (true) or without (false) notes
 * @param minScore QA score at least (0..100)
 * @param maxScore QA score at most
 * @param collection in this collection (e.g. best-practices)
 */
public record RecordingQuery(Instant from, Instant to, String agent, String queue, String number, String direction,
    Integer minSeconds, Integer maxSeconds, List<Tag> tags, Boolean hasNotes, Integer minScore, Integer maxScore,
    String collection) {
  public static final RecordingQuery ALL =
      new RecordingQuery(null, null, null, null, null, null, null, null, List.of(), null, null, null, null);
  public static final Set<String> DIRECTIONS = Set.of("inbound", "outbound");

  public RecordingQuery {
    tags = tags == null ? List.of() : List.copyOf(tags);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from: must be before to");
    }
    if (number != null && !number.matches("[0-9+*#]{1,32}")) {
      throw new IllegalArgumentException("number: digits, '+', '*' or '#', got '" + number + "'");
    }
    if (direction != null && !DIRECTIONS.contains(direction)) {
      throw new IllegalArgumentException("direction: use inbound or outbound, got '" + direction + "'");
    }
    if (minSeconds != null && maxSeconds != null && minSeconds > maxSeconds) {
      throw new IllegalArgumentException("minDuration: must not exceed maxDuration");
    }
    checkScore("minScore", minScore);
    checkScore("maxScore", maxScore);
    if (collection != null && !Library.COLLECTIONS.contains(collection)) {
      throw new IllegalArgumentException("collection: use " + String.join(", ", Library.COLLECTIONS));
    }
  }

  private static void checkScore(String name, Integer score) {
    if (score != null && (score < 0 || score > 100)) {
      throw new IllegalArgumentException(name + ": 0 to 100, got " + score);
    }
  }
}

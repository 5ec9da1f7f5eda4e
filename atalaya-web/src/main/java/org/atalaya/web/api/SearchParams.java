package org.atalaya.web.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.atalaya.core.library.RecordingQuery;
import org.atalaya.core.library.Tag;
import org.atalaya.web.ApiException;

/**
 * The library's query parameters: from, to (2026-11-23 or an instant; a bare {@code to} date
 * includes that whole day), agent, queue, number, direction, minDuration, maxDuration (seconds),
 * tag (repeatable: type:sale or a suggested word), hasNotes, minScore, maxScore, collection.
 */
final class SearchParams {
  private SearchParams() {}

  static RecordingQuery parse(Context ctx) {
    try {
      List<Tag> tags = ctx.queryParams("tag").stream().filter(t -> !t.isBlank()).map(Tag::parse).toList();
      String notes = text(ctx, "hasNotes");
      if (notes != null && !notes.equals("true") && !notes.equals("false")) {
        throw new IllegalArgumentException("hasNotes: true or false");
      }
      return new RecordingQuery(instant(ctx, "from", false), instant(ctx, "to", true), text(ctx, "agent"),
          text(ctx, "queue"), text(ctx, "number"), text(ctx, "direction"), integer(ctx, "minDuration"),
          integer(ctx, "maxDuration"), tags, notes == null ? null : Boolean.valueOf(notes), integer(ctx, "minScore"),
          integer(ctx, "maxScore"), text(ctx, "collection"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  /** A trimmed query parameter, or null when absent or blank. */
  static String text(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  static Integer integer(Context ctx, String name) {
    String v = text(ctx, name);
    if (v == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 0) {
        throw new IllegalArgumentException(name + ": must not be negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": a whole number, got '" + v + "'");
    }
  }

  /** A date (with {@code endOfDay}, the day after it) or an instant; IllegalArgumentException naming the parameter. */
  static Instant instant(Context ctx, String name, boolean endOfDay) {
    String v = text(ctx, name);
    if (v == null) {
      return null;
    }
    try {
      if (v.length() == 10) {
        LocalDate day = LocalDate.parse(v);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + ": use 2026-11-23 or 2026-11-23T10:00:00Z, got '" + v + "'");
    }
  }
}

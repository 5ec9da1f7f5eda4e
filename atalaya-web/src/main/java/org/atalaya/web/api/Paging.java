package org.atalaya.web.api;

import io.javalin.http.Context;
import org.atalaya.web.ApiException;

/**
 * offset and limit query parameters.
 *
 * @param offset rows to skip
 * @param limit rows to return, at most {@link #MAX_LIMIT}
 */
public record Paging(int offset, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** Parses the query; a limit above the maximum is capped rather than refused. */
  public static Paging from(Context ctx) {
    int offset = parse(ctx.queryParam("offset"), 0, "offset");
    int limit = parse(ctx.queryParam("limit"), DEFAULT_LIMIT, "limit");
    return new Paging(offset, Math.min(limit, MAX_LIMIT));
  }

  private static int parse(String text, int fallback, String name) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value < 0) {
        throw ApiException.badRequest(name + " must not be negative");
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a whole number, got '" + text + "'");
    }
  }
}

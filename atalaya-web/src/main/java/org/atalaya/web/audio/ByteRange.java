package org.atalaya.web.audio;

import java.util.Optional;

/**
 * One satisfiable byte range of a resource of known length (RFC 9110 section 14), inclusive.
 *
 * @param first first byte
 * @param last last byte, inclusive
 */
public record ByteRange(long first, long last) {
  public ByteRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("bad range " + first + "-" + last);
    }
  }

  public long length() {
    return last - first + 1;
  }

  /** What parsing a Range header against a resource gives. */
  public sealed interface Parsed {}

  /** No usable Range header: send the whole resource with 200. */
  public record Whole() implements Parsed {}

  /** One satisfiable range: send 206. */
  public record Partial(ByteRange range) implements Parsed {}

  /** Syntactically valid but outside the resource: send 416. */
  public record Unsatisfiable() implements Parsed {}

  /**
   * Parses {@code bytes=N-M}, {@code bytes=N-} and {@code bytes=-N}. Headers this server does not
   * serve as ranges (several ranges, other units, bad syntax) give Whole, which RFC 9110 allows.
   */
  public static Parsed parse(String header, long total) {
    if (header == null) {
      return new Whole();
    }
    String h = header.strip();
    if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
      return new Whole();
    }
    String spec = h.substring(6).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return new Whole();
    }
    Optional<Long> start = number(spec.substring(0, dash));
    Optional<Long> end = number(spec.substring(dash + 1));
    if (dash == 0) {
      // Suffix: the last N bytes.
      if (end.isEmpty()) {
        return new Whole();
      }
      long n = end.get();
      if (n == 0 || total == 0) {
        return new Unsatisfiable();
      }
      return new Partial(new ByteRange(Math.max(0, total - n), total - 1));
    }
    if (start.isEmpty() || (dash < spec.length() - 1 && end.isEmpty())) {
      return new Whole();
    }
    long first = start.get();
    if (end.isPresent() && end.get() < first) {
      return new Whole();
    }
    if (first >= total) {
      return new Unsatisfiable();
    }
    long last = end.map(e -> Math.min(e, total - 1)).orElse(total - 1);
    return new Partial(new ByteRange(first, last));
  }

  private static Optional<Long> number(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(t));
  }
}

package org.atalaya.core.library;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A tag on a recording. Two kinds, as QA teams use them: what the call was about ({@code type})
 * and how well it was handled ({@code quality}). Each kind has a suggested vocabulary; other
 * tags are allowed (centers have their own words) if they are short lowercase slugs.
 */
public record Tag(Kind kind, String tag) {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  public Tag {
    if (kind == null) {
      throw new IllegalArgumentException("kind: use type or quality");
    }
    if (tag == null || !SLUG.matcher(tag).matches()) {
      throw new IllegalArgumentException("tag: 1 to 32 lowercase letters, digits or '-', got '" + tag + "'");
    }
  }

  /** Parses "type:sale" or, for the vocabulary's words, just "sale". */
  public static Tag parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    int colon = t.indexOf(':');
    if (colon > 0) {
      return new Tag(Kind.parse(t.substring(0, colon)), t.substring(colon + 1));
    }
    for (Kind k : Kind.values()) {
      if (k.suggested().contains(t)) {
        return new Tag(k, t);
      }
    }
    throw new IllegalArgumentException("tag: write kind:tag (type:... or quality:...) for '" + text + "'");
  }

  @Override
  public String toString() {
    return kind.label() + ":" + tag;
  }

  /** The kinds of tags, with their suggested words. */
  public enum Kind {
    TYPE(List.of("complaint", "sale", "technical", "billing", "information", "cancellation", "other")),
    QUALITY(List.of("excellent", "good", "needs-improvement", "poor"));

    private final List<String> suggested;

    Kind(List<String> suggested) {
      this.suggested = suggested;
    }

    public List<String> suggested() {
      return suggested;
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String text) {
      for (Kind k : values()) {
        if (k.label().equals(text == null ? "" : text.strip().toLowerCase(Locale.ROOT))) {
          return k;
        }
      }
      throw new IllegalArgumentException("kind: use type or quality, got '" + text + "'");
    }
  }
}

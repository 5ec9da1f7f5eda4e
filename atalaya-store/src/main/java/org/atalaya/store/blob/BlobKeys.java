package org.atalaya.store.blob;

/** The one rule for blob keys, shared by every backend so a key valid on one is valid on all. */
public final class BlobKeys {
  /** Suffix of FileBlobStore's half-copied files; a key may not end with it, or the two would collide. */
  static final String PARTIAL = ".part";

  private BlobKeys() {}

  /**
   * Returns {@code key} if it is a canonical relative path, else throws IllegalArgumentException.
   * Keys come from metadata, so they are never trusted blindly: on a file system {@code ..} or a
   * leading {@code /} would escape the root, and on S3 {@code a//b} or {@code ./a} are distinct
   * objects from {@code a/b} although a file system maps them to one file. Rejecting every
   * non-canonical spelling keeps both backends addressing the same set of blobs.
   */
  public static String check(String key) {
    if (key == null || key.isEmpty() || key.contains("..") || key.contains("\\") || key.startsWith("/")
        || key.endsWith("/") || key.contains("//") || key.indexOf(':') >= 0 || key.indexOf('\0') >= 0
        || key.endsWith(PARTIAL)) {
      throw invalid(key);
    }
    for (String segment : key.split("/")) {
      if (segment.equals(".")) {
        throw invalid(key);
      }
    }
    return key;
  }

  private static IllegalArgumentException invalid(String key) {
    return new IllegalArgumentException("invalid blob key '" + key + "'");
  }
}

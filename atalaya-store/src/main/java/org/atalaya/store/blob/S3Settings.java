package org.atalaya.store.blob;

import java.net.URI;

/**
 * Where an {@link S3BlobStore} keeps its blobs.
 *
 * @param endpoint the S3 API's base URI (MinIO, Ceph, Garage...); null for AWS's own endpoint for the region
 * @param region the signing region; S3-compatible servers usually accept any, AWS needs the bucket's
 * @param bucket an existing bucket
 * @param prefix prepended to every key, so one bucket can hold several nodes or other data; may be empty
 * @param accessKey with secretKey, static credentials; both null for the SDK's default chain (environment,
 *     profile, instance role)
 * @param pathStyle {@code host/bucket/key} URLs instead of {@code bucket.host/key}: most self-hosted servers need it
 */
public record S3Settings(URI endpoint, String region, String bucket, String prefix, String accessKey,
    String secretKey, boolean pathStyle) {

  public S3Settings {
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("S3 region must not be empty");
    }
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("S3 bucket must not be empty");
    }
    if ((accessKey == null) != (secretKey == null)) {
      throw new IllegalArgumentException("S3 access key and secret key go together: set both or neither");
    }
    prefix = normalizePrefix(prefix);
  }

  /** Keeps the secret out of logs and exception messages. */
  @Override
  public String toString() {
    return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
        + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? null : "***") + ", pathStyle="
        + pathStyle + "]";
  }

  // "atalaya", "/atalaya/" and "atalaya/" all mean the folder atalaya/: without the slash every key
  // would be glued to the prefix ("atalayadefault/...").
  private static String normalizePrefix(String prefix) {
    if (prefix == null) {
      return "";
    }
    String p = prefix.strip();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return "";
    }
    try {
      return BlobKeys.check(p) + "/";
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid S3 prefix '" + prefix + "'", e);
    }
  }
}

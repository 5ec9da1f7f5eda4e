package org.atalaya.store.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.atalaya.core.audit.AuditCheckpoint;

/**
 * The signed text of a checkpoint, the same in the file and in the bucket:
 * {@code v1 seq=57 hash=<64 hex> rows=57 at=2026-11-23T10:00:00Z mac=<64 hex>}, where mac is
 * HMAC-SHA256 under the checkpoint key over everything before {@code " mac="}. Readable with
 * {@code tail}, and any edit, even of one digit, fails the mac.
 */
final class CheckpointLine {
  private static final Pattern LINE = Pattern.compile(
      "(v1 seq=(\\d{1,18}) hash=([0-9a-f]{64}) rows=(\\d{1,18}) at=(\\S+)) mac=([0-9a-f]{64})");
  private final SecretKeySpec key;

  /** @param key the checkpoint key derived from the master key (32 bytes) */
  CheckpointLine(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("key: 32 bytes or more");
    }
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /** What one stored line holds: a checkpoint whose mac holds, or why not. */
  record Parsed(AuditCheckpoint checkpoint, String problem) {
    boolean valid() {
      return checkpoint != null;
    }
  }

  /** The line for {@code c}, without a line break. */
  String format(AuditCheckpoint c) {
    String body = "v1 seq=" + c.seq() + " hash=" + c.hash() + " rows=" + c.rows() + " at=" + c.at();
    return body + " mac=" + HexFormat.of().formatHex(mac(body));
  }

  Parsed parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return new Parsed(null, "malformed or cut short");
    }
    // Constant-time comparison: no timing hint about how much of a forged mac was right.
    if (!MessageDigest.isEqual(mac(m.group(1)), HexFormat.of().parseHex(m.group(6)))) {
      return new Parsed(null, "bad signature");
    }
    try {
      return new Parsed(new AuditCheckpoint(Long.parseLong(m.group(2)), m.group(3), Long.parseLong(m.group(4)),
          Instant.parse(m.group(5))), null);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return new Parsed(null, "signed but not a checkpoint: " + e.getMessage());
    }
  }

  private byte[] mac(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}

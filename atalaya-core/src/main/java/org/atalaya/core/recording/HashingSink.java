package org.atalaya.core.recording;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.atalaya.media.RecordingSink;

/**
 * Passes audio through to a store's sink while computing its SHA-256 and size, so the hash is
 * known at finalize without reading the file back.
 *
 * <p>Threading: write/flush/close come from the tap's single writer thread; {@link #sha256Hex}
 * and {@link #bytes} are read after close.
 */
final class HashingSink implements RecordingSink {
  private final RecordingSink delegate;
  private final MessageDigest digest;
  private volatile long bytes;
  private volatile String hex;

  HashingSink(RecordingSink delegate) {
    this.delegate = delegate;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  @Override
  public void write(byte[] buffer, int offset, int length) throws IOException {
    delegate.write(buffer, offset, length);
    digest.update(buffer, offset, length);
    bytes += length;
  }

  @Override
  public void flush() throws IOException {
    delegate.flush();
  }

  @Override
  public void close() throws IOException {
    hex = HexFormat.of().formatHex(digest.digest());
    delegate.close();
  }

  long bytes() {
    return bytes;
  }

  String sha256Hex() {
    return hex;
  }
}

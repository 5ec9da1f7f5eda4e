package org.atalaya.store.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import org.atalaya.store.blob.ReadOnlyChannel;

/**
 * The layout of Tink's AES256_GCM_HKDF_4KB streams, and the channels that read the complete
 * segments of a stream that was never closed (a crash, or a call still running).
 *
 * <p>A stream is a 40-byte header (length byte, 32-byte salt, 7-byte nonce prefix) followed by
 * 4096-byte ciphertext segments, each 4080 bytes of plaintext and a 16-byte tag; the header
 * shares the first segment's slot. The last segment is encrypted with a "last" flag, so Tink
 * refuses a stream whose end is missing. To read what a crashed writer left, we show Tink the
 * complete segments followed by one extra, fake segment: every real segment then decrypts as a
 * middle segment, and we stop reading before the fake one.
 */
final class Segments {
  static final int SEGMENT = 4096;
  static final int TAG = 16;
  static final int HEADER = 1 + 32 + 7;

  private Segments() {}

  /** Plaintext bytes held by the complete segments of a ciphertext of {@code ciphertextSize} bytes. */
  static long readablePlaintext(long ciphertextSize) {
    long segments = ciphertextSize / SEGMENT;
    return segments == 0 ? 0 : segments * (SEGMENT - TAG) - HEADER;
  }

  /** Plaintext bytes of a closed stream of {@code ciphertextSize} bytes (every segment but the last is full). */
  static long closedPlaintext(long ciphertextSize) {
    long segments = (ciphertextSize + SEGMENT - 1) / SEGMENT;
    return ciphertextSize - HEADER - segments * TAG;
  }

  /** The ciphertext's complete segments plus one fake trailing segment (read-only). */
  static SeekableByteChannel withFakeTail(SeekableByteChannel ciphertext) throws IOException {
    return new FakeTail(ciphertext, ciphertext.size() / SEGMENT * SEGMENT);
  }

  /** A read-only view of {@code inner} that ends at {@code size}. */
  static SeekableByteChannel bounded(SeekableByteChannel inner, long size) {
    return new Bounded(inner, size);
  }

  private static final class FakeTail extends ReadOnlyChannel {
    private final SeekableByteChannel inner;
    private final long real;
    private long position;

    FakeTail(SeekableByteChannel inner, long real) {
      this.inner = inner;
      this.real = real;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      long size = size();
      if (position >= size) {
        return -1;
      }
      int want = (int) Math.min(dst.remaining(), size - position);
      if (position < real) {
        int fromFile = (int) Math.min(want, real - position);
        ByteBuffer slice = dst.slice(dst.position(), fromFile);
        inner.position(position);
        int n = inner.read(slice);
        if (n <= 0) {
          throw new IOException("ciphertext shrank while reading");
        }
        dst.position(dst.position() + n);
        position += n;
        return n;
      }
      for (int i = 0; i < want; i++) {
        dst.put((byte) 0);
      }
      position += want;
      return want;
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
      position = newPosition;
      return this;
    }

    @Override
    public long size() {
      return real + SEGMENT;
    }

    @Override
    public boolean isOpen() {
      return inner.isOpen();
    }

    @Override
    public void close() throws IOException {
      inner.close();
    }
  }

  private static final class Bounded extends ReadOnlyChannel {
    private final SeekableByteChannel inner;
    private final long size;

    Bounded(SeekableByteChannel inner, long size) {
      this.inner = inner;
      this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      long left = size - inner.position();
      if (left <= 0) {
        return -1;
      }
      if (dst.remaining() > left) {
        ByteBuffer slice = dst.slice(dst.position(), (int) left);
        int n = inner.read(slice);
        if (n > 0) {
          dst.position(dst.position() + n);
        }
        return n;
      }
      return inner.read(dst);
    }

    @Override
    public long position() throws IOException {
      return inner.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
      inner.position(newPosition);
      return this;
    }

    @Override
    public long size() {
      return size;
    }


    @Override
    public boolean isOpen() {
      return inner.isOpen();
    }

    @Override
    public void close() throws IOException {
      inner.close();
    }
  }
}

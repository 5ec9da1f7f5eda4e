package org.atalaya.store.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A read-only view of one S3 object: each miss fetches a window of at least {@link #READ_AHEAD}
 * bytes with a ranged GET, so the decrypting reader's 4 KiB segment reads cost one request per
 * 256 KiB, not one each. The size comes from the HEAD that opened it: blobs are written once.
 *
 * <p>Threading: meant for one reader; a lock (not synchronized, which pins a virtual thread on
 * Java 21 during the GET) keeps position and window consistent if it is shared anyway.
 */
final class S3ReadChannel extends ReadOnlyChannel {
  static final int READ_AHEAD = 256 * 1024;
  /** A large read is fetched whole, up to this, instead of in READ_AHEAD pieces. */
  private static final int MAX_WINDOW = 8 * 1024 * 1024;

  private final S3BlobStore store;
  private final String key;
  private final String object;
  private final long size;
  private final ReentrantLock lock = new ReentrantLock();
  private byte[] window = new byte[0];
  private long windowStart;
  private int windowLength;
  private long position;
  private volatile boolean open = true;

  S3ReadChannel(S3BlobStore store, String key, String object, long size) {
    this.store = store;
    this.key = key;
    this.object = object;
    this.size = size;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    lock.lock();
    try {
      ensureOpen();
      if (position >= size) {
        return -1;
      }
      if (!dst.hasRemaining()) {
        return 0;
      }
      if (position < windowStart || position >= windowStart + windowLength) {
        fill(dst.remaining());
      }
      int offset = (int) (position - windowStart);
      int n = Math.min(dst.remaining(), windowLength - offset);
      dst.put(window, offset, n);
      position += n;
      return n;
    } finally {
      lock.unlock();
    }
  }

  private void fill(int wanted) throws IOException {
    int length = (int) Math.min(Math.max(READ_AHEAD, Math.min(wanted, MAX_WINDOW)), size - position);
    if (window.length < length) {
      window = new byte[length];
    }
    windowLength = 0; // a failed fetch must not leave a half-filled window looking valid
    store.readRange(key, object, position, window, length);
    windowStart = position;
    windowLength = length;
  }

  @Override
  public long position() throws IOException {
    lock.lock();
    try {
      ensureOpen();
      return position;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    lock.lock();
    try {
      ensureOpen();
      position = newPosition; // past the end is allowed, as for FileChannel: reads return -1
      return this;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    return size;
  }


  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      open = false;
      window = new byte[0];
      windowLength = 0;
    } finally {
      lock.unlock();
    }
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}

package org.atalaya.store.blob;

import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/** A SeekableByteChannel that only reads: writing or truncating it throws, as for a file opened to read. */
public abstract class ReadOnlyChannel implements SeekableByteChannel {
  @Override
  public final int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public final SeekableByteChannel truncate(long newSize) {
    throw new NonWritableChannelException();
  }
}

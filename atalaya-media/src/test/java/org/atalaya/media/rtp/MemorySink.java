package org.atalaya.media.rtp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.atalaya.media.RecordingSink;

class MemorySink implements RecordingSink {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Override
  public synchronized void write(byte[] buffer, int offset, int length) {
    out.write(buffer, offset, length);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  /** 20 ms stereo frames written so far. */
  synchronized int frames() {
    return out.size() / 640;
  }

  synchronized short[] samples() {
    byte[] b = out.toByteArray();
    short[] s = new short[b.length / 2];
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
    return s;
  }
}

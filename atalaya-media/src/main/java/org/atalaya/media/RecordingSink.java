package org.atalaya.media;

import java.io.IOException;

/** Where a recording tap's interleaved stereo PCM goes: a file, an encrypting stream, a test. */
public interface RecordingSink {
  /**
   * Appends interleaved 16-bit little-endian stereo samples. Called on one writer thread. The
   * buffer is reused once this returns (the tap recycles its frames): copy what must be kept.
   */
  void write(byte[] buffer, int offset, int length) throws IOException;

  /** Flushes what was written so far to durable storage (called about once a second). */
  void flush() throws IOException;

  /** Called once after the last write. */
  void close() throws IOException;
}

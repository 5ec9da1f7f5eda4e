package org.atalaya.web.audio;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.recording.RecordingStore;
import org.atalaya.media.audio.Wav;
import org.atalaya.web.ApiException;

/**
 * Serves a recording as audio/wav: a 44-byte header made on the fly followed by the stored PCM,
 * with single HTTP ranges so that players can seek. The PCM is streamed, never held in memory.
 */
public final class WavStreamer {
  private static final int BUFFER = 64 * 1024;
  private final RecordingStore store;

  public WavStreamer(RecordingStore store) {
    this.store = store;
  }

  public void stream(Context ctx, RecordingInfo rec) throws IOException {
    long dataBytes = dataBytes(rec);
    byte[] header = Wav.header(rec.sampleRate(), rec.channels(), dataBytes);
    long total = header.length + dataBytes;
    ctx.header("Accept-Ranges", "bytes");
    ctx.header("Cache-Control", "private, no-store");
    ByteRange range = switch (ByteRange.parse(ctx.header("Range"), total)) {
      case ByteRange.Whole w -> {
        ctx.status(200);
        yield new ByteRange(0, total - 1);
      }
      case ByteRange.Partial p -> {
        ctx.status(206);
        ctx.header("Content-Range", "bytes " + p.range().first() + "-" + p.range().last() + "/" + total);
        yield p.range();
      }
      case ByteRange.Unsatisfiable u -> {
        ctx.status(416);
        ctx.header("Content-Range", "bytes */" + total);
        ctx.result("");
        yield null;
      }
    };
    if (range == null) {
      return;
    }
    ctx.contentType("audio/wav");
    ctx.res().setContentLengthLong(range.length());
    // Straight to the servlet stream: no response buffering or compression of audio.
    OutputStream out = ctx.res().getOutputStream();
    long position = range.first();
    long remaining = range.length();
    if (position < header.length) {
      int n = (int) Math.min(remaining, header.length - position);
      out.write(header, (int) position, n);
      position += n;
      remaining -= n;
    }
    if (remaining > 0) {
      try (InputStream in = store.open(rec.storageKey(), position - header.length)) {
        copy(in, out, remaining);
      }
    }
    out.flush();
  }

  /**
   * The PCM length to announce: what the blob holds now (a recording in progress grows), cut to
   * whole sample frames so that players never read half a frame.
   */
  public long dataBytes(RecordingInfo rec) throws IOException {
    long size;
    try {
      size = store.size(rec.storageKey());
    } catch (NoSuchFileException e) {
      throw ApiException.notFound("recording audio");
    }
    long frame = 2L * Math.max(1, rec.channels());
    if (rec.status() == RecordingInfo.Status.COMPLETE && rec.sizeBytes() > 0) {
      size = Math.min(size, rec.sizeBytes());
    }
    return size - size % frame;
  }

  private static void copy(InputStream in, OutputStream out, long count) throws IOException {
    byte[] buffer = new byte[BUFFER];
    long left = count;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("recording blob ended " + left + " bytes early");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }
}

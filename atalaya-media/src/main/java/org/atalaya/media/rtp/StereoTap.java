package org.atalaya.media.rtp;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.atalaya.media.RecordingResult;
import org.atalaya.media.RecordingSink;
import org.atalaya.media.RecordingTap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recording in progress: the media loop offers one interleaved stereo frame per tick into a
 * bounded queue; a virtual thread writes them to the sink, flushing about once a second. A full
 * queue drops and counts frames rather than stalling the media loop.
 *
 * <p>Threading: {@link #offer} on the media loop; the writer on its own virtual thread;
 * {@link #stop} from the call's thread.
 */
final class StereoTap implements RecordingTap {
  private static final Logger LOG = LoggerFactory.getLogger(StereoTap.class);
  static final int FRAME_BYTES = 640;
  private static final byte[] END = new byte[0];

  private final RecordingSink sink;
  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(500);
  private final Thread writer;
  private volatile boolean stopped;
  private volatile long frames;
  private volatile long silentLeft;
  private volatile long silentRight;
  private volatile long dropped;
  private volatile long offered;
  private volatile boolean paused;
  private volatile Throwable error;
  private RecordingResult result;

  StereoTap(RecordingSink sink) {
    this.sink = sink;
    this.writer = Thread.ofVirtual().name("recording-writer").start(this::write);
  }

  boolean isStopped() {
    return stopped;
  }

  void offer(short[] left, short[] right) {
    offered++; // single writer: the media loop
    if (paused) {
      left = null;
      right = null;
    }
    byte[] frame = new byte[FRAME_BYTES];
    for (int i = 0; i < 160; i++) {
      short l = left == null ? 0 : left[i];
      short r = right == null ? 0 : right[i];
      int o = i * 4;
      frame[o] = (byte) l;
      frame[o + 1] = (byte) (l >> 8);
      frame[o + 2] = (byte) r;
      frame[o + 3] = (byte) (r >> 8);
    }
    if (left == null) {
      silentLeft++;
    }
    if (right == null) {
      silentRight++;
    }
    if (error != null || !queue.offer(frame)) {
      if (dropped++ % 50 == 0) {
        LOG.warn("recording queue full or failed: {} frames dropped", dropped);
      }
    }
  }

  private void write() {
    int sinceFlush = 0;
    try {
      while (true) {
        byte[] frame = queue.take();
        if (frame == END) {
          break;
        }
        if (error != null) {
          continue;
        }
        sink.write(frame, 0, frame.length);
        frames++;
        if (++sinceFlush >= 50) {
          sink.flush();
          sinceFlush = 0;
        }
      }
    } catch (IOException | RuntimeException e) {
      error = e;
      LOG.error("recording write failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        sink.close();
      } catch (IOException e) {
        if (error == null) {
          error = e;
        }
      }
    }
  }

  @Override
  public synchronized RecordingResult stop() {
    if (result != null) {
      return result;
    }
    stopped = true;
    try {
      queue.put(END);
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    result = new RecordingResult(frames, frames * FRAME_BYTES, silentLeft, silentRight, dropped, error);
    return result;
  }

  @Override
  public void pause(boolean paused) {
    this.paused = paused;
  }

  @Override
  public long framesOffered() {
    return offered;
  }

  @Override
  public long framesWritten() {
    return frames;
  }
}

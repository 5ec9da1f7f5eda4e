package org.atalaya.media.rtp;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * <p>The media loop never wakes the writer: the writer wakes by itself every {@link #DRAIN_NANOS}
 * and writes what has queued. Waking it from {@link #offer}, once per call and tick, was most of
 * the tap's cost on the loop: in bench/jmh RecorderWriteBench (2 vCPUs) a tick of 100 recorded
 * calls took 170-210 µs, the loop losing its CPU to the writers it had just woken; now 46 µs.
 * Written frames come back through {@code spare}, so a tick no longer allocates 640 bytes a call.
 *
 * <p>Threading: {@link #offer} on the media loop; the writer on its own virtual thread;
 * {@link #stop} from the call's thread.
 */
final class StereoTap implements RecordingTap {
  private static final Logger LOG = LoggerFactory.getLogger(StereoTap.class);
  static final int FRAME_BYTES = 640;
  private static final byte[] END = new byte[0];
  /**
   * How long the writer sleeps between drains: five frames. It adds at most that much to what a
   * crash can lose, next to the second between the sink's flushes.
   */
  private static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final RecordingSink sink;
  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(500);
  /**
   * Written frames for offer to fill again. A drain returns about five; after a late one (the
   * writers' carrier threads short of CPU) up to a second's worth are kept, more are let go. At 25,
   * a 500-call bench still allocated 1.4 % of its frames on the loop (JFR, docs/BENCHMARKS.md).
   */
  private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(50);
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
    byte[] frame = spare.poll();
    if (frame == null) {
      frame = new byte[FRAME_BYTES]; // the first few ticks, or after a backlog
    }
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
      spare.offer(frame);
      if (dropped++ % 50 == 0) {
        LOG.warn("recording queue full or failed: {} frames dropped", dropped);
      }
    }
  }

  private void write() {
    int sinceFlush = 0;
    try {
      while (true) {
        byte[] frame = queue.poll();
        if (frame == null) {
          if (Thread.currentThread().isInterrupted()) {
            break;
          }
          LockSupport.parkNanos(DRAIN_NANOS); // or until stop() unparks it
          continue;
        }
        if (frame == END) {
          break;
        }
        if (error == null) {
          sink.write(frame, 0, frame.length);
          frames++;
          if (++sinceFlush >= 50) {
            sink.flush();
            sinceFlush = 0;
          }
        }
        spare.offer(frame);
      }
    } catch (IOException | RuntimeException e) {
      error = e;
      LOG.error("recording write failed", e);
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
      LockSupport.unpark(writer); // rather than wait for its next drain
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

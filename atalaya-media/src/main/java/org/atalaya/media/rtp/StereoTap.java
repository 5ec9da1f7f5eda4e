package org.atalaya.media.rtp;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.atalaya.media.RecordingResult;
import org.atalaya.media.RecordingSink;
import org.atalaya.media.RecordingTap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recording in progress: the media loop offers one interleaved stereo frame per tick into a
 * bounded queue; the loop's {@link RecordingWriter} drains it into the sink every 100 ms, and
 * the sink is flushed about once a second. A full queue drops and counts frames rather than
 * stalling the media loop.
 *
 * <p>The media loop never wakes a writer: waking one from {@link #offer}, once per call and tick,
 * was most of the tap's cost on the loop (bench/jmh RecorderWriteBench, 2 vCPUs: a tick of 100
 * recorded calls took 170-210 µs, the loop losing its CPU to the writers it had just woken; then
 * 46 µs). Written frames come back through {@code spare}, so a tick does not allocate 640 bytes a
 * call.
 *
 * <p>Threading: {@link #offer} on the media loop; {@link #drain} on the writer's thread;
 * {@link #stop} from the call's thread, which writes what is left itself. {@code lock} keeps the
 * writer and stop from writing the sink at once.
 */
final class StereoTap implements RecordingTap {
  private static final Logger LOG = LoggerFactory.getLogger(StereoTap.class);
  static final int FRAME_BYTES = 640;

  private final RecordingSink sink;
  private final RecordingWriter writer;
  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(500);
  /**
   * Written frames for offer to fill again. A drain returns about five; after a late one (the
   * writer short of CPU) up to a second's worth are kept, more are let go. At 25, a 500-call
   * bench still allocated 1.4 % of its frames on the loop (JFR, docs/BENCHMARKS.md).
   */
  private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(50);
  private final ReentrantLock lock = new ReentrantLock();
  private int sinceFlush; // guarded by lock
  private volatile boolean stopped;
  private volatile long frames;
  private volatile long silentLeft;
  private volatile long silentRight;
  private volatile long dropped;
  private volatile long offered;
  private volatile boolean paused;
  private volatile Throwable error;
  private RecordingResult result; // guarded by lock

  StereoTap(RecordingSink sink, RecordingWriter writer) {
    this.sink = sink;
    this.writer = writer;
    writer.add(this);
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

  /**
   * Writes the queued frames to the sink. The writer's thread calls it every drain; it passes
   * when {@link #stop} holds the lock, which writes the rest itself.
   */
  void drain() {
    if (!lock.tryLock()) {
      return;
    }
    try {
      writeQueued();
    } finally {
      lock.unlock();
    }
  }

  private void writeQueued() {
    byte[] frame;
    // After stop (result set) the sink is closed: a drain that got the lock later writes nothing.
    while (result == null && (frame = queue.poll()) != null) {
      if (error == null) {
        try {
          sink.write(frame, 0, frame.length);
          frames++;
          if (++sinceFlush >= 50) {
            sink.flush();
            sinceFlush = 0;
          }
        } catch (IOException | RuntimeException e) {
          error = e; // later frames are dropped and counted by offer; stop closes the sink
          LOG.error("recording write failed", e);
        }
      }
      spare.offer(frame);
    }
  }

  @Override
  public RecordingResult stop() {
    lock.lock();
    try {
      if (result != null) {
        return result;
      }
      stopped = true; // the loop offers no frame after it sees this
      writer.remove(this);
      writeQueued();
      try {
        sink.close();
      } catch (IOException | RuntimeException e) {
        if (error == null) {
          error = e;
        }
      }
      result = new RecordingResult(frames, frames * FRAME_BYTES, silentLeft, silentRight, dropped, error);
      return result;
    } finally {
      lock.unlock();
    }
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

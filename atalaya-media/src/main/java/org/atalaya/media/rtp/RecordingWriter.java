package org.atalaya.media.rtp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread that writes the recordings of a media loop's calls: every {@link #DRAIN_NANOS} it
 * drains each running {@link StereoTap}'s queue into its sink.
 *
 * <p>Why one thread for many calls: a writer per call (a virtual thread waking every 100 ms) cost
 * each wake-up about 37 µs of scheduling on top of the writing, a quarter of Atalaya's CPU at
 * 250 recorded calls (docs/BENCHMARKS.md, "Recording writers"). Here a loop's recordings share
 * ten wake-ups a second whatever their number. The sinks write to local spool files, so one
 * thread keeps up; a slow disk delays every call of the loop alike, and the taps' queues (10 s)
 * hold the audio meanwhile.
 *
 * <p>Threading: {@link #add} and {@link #remove} from any thread; the drains on this writer's
 * own platform thread, except a tap's last, which {@link StereoTap#stop} runs on its caller.
 */
final class RecordingWriter implements Runnable {
  /**
   * How long the writer sleeps between drains: five frames. It adds at most that much to what a
   * crash can lose, next to the second between the sinks' flushes.
   */
  static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Set<StereoTap> taps = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean running = true;

  RecordingWriter(String name) {
    thread = Thread.ofPlatform().name(name).daemon(true).start(this);
  }

  void add(StereoTap tap) {
    taps.add(tap);
  }

  void remove(StereoTap tap) {
    taps.remove(tap);
  }

  /** Recordings this writer drains: for tests. */
  int size() {
    return taps.size();
  }

  @Override
  public void run() {
    long next = System.nanoTime();
    while (running) {
      for (StereoTap tap : taps) {
        tap.drain();
      }
      // Absolute deadlines: a long drain shortens the next sleep rather than stretching the period.
      next += DRAIN_NANOS;
      long now = System.nanoTime();
      if (next - now < 0) {
        next = now;
      } else {
        LockSupport.parkNanos(next - now);
      }
    }
  }

  /** Stops draining; taps still running are written by their own {@link StereoTap#stop}. */
  void shutdown() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

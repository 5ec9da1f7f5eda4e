package org.atalaya.media.rtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One media thread: receives every packet of its endpoints through a selector and runs the
 * 20 ms clock (prompt playout, recording frames) with absolute deadlines, so ticks never drift.
 *
 * <p>Threading: {@link #execute} may be called from any thread; everything else, and every
 * endpoint and bridge owned by the loop, runs on the loop's own platform thread.
 */
final class MediaLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(MediaLoop.class);
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final Selector selector;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean running = true;
  final List<NioRtpEndpoint> endpoints = new ArrayList<>();
  final List<NioBridge> bridges = new ArrayList<>();
  // Shared by every endpoint of this loop: one receive and one send buffer, reused per packet.
  final byte[] receiveBytes = new byte[2048];
  final ByteBuffer receiveBuffer = ByteBuffer.wrap(receiveBytes);
  final byte[] sendBytes = new byte[2048];
  final ByteBuffer sendBuffer = ByteBuffer.wrap(sendBytes);
  /** Writes the recordings of this loop's calls, on a thread of its own. */
  final RecordingWriter recordings;
  long tick;
  private long nextTick; // when tick + 1 is due; loop thread only

  MediaLoop(String name) {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this);
    thread.setPriority(Thread.MAX_PRIORITY);
    thread.start();
    recordings = new RecordingWriter(name.replace("media", "recording"));
  }

  Selector selector() {
    return selector;
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Runs a task on the loop thread (at once if already on it). */
  void execute(Runnable task) {
    if (inLoop()) {
      task.run();
      return;
    }
    tasks.add(task);
    selector.wakeup();
  }

  @Override
  public void run() {
    nextTick = System.nanoTime() + TICK_NANOS;
    while (running) {
      try {
        runTasks();
        long waitMs = Math.max(1, (nextTick - System.nanoTime()) / 1_000_000);
        // The action form of select: no selected-key set to walk, so no iterator per wake-up
        // (at one wake-up per packet, that iterator was most of the loop's garbage).
        selector.select(onReady, waitMs);
        long now = System.nanoTime();
        if (now - nextTick >= 0) {
          if (now - nextTick > 10 * TICK_NANOS) {
            LOG.warn("media loop {} fell {} ms behind; skipping ahead", thread.getName(), (now - nextTick) / 1_000_000);
            long behind = (now - nextTick) / TICK_NANOS;
            tick += behind;
            nextTick += behind * TICK_NANOS;
          }
          onTick();
          nextTick += TICK_NANOS;
        }
      } catch (IOException | RuntimeException e) {
        LOG.error("media loop {} error", thread.getName(), e);
      }
    }
    runTasks();
    for (NioRtpEndpoint e : new ArrayList<>(endpoints)) {
      e.closeOnLoop();
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("selector close", e);
    }
  }

  private final java.util.function.Consumer<SelectionKey> onReady = this::onReady;

  private void onReady(SelectionKey key) {
    if (key.isValid() && key.isReadable()) {
      try {
        ((NioRtpEndpoint) key.attachment()).receiveAll();
      } catch (IOException e) {
        LOG.error("media loop {} receive error", thread.getName(), e);
      }
    }
  }

  private void runTasks() {
    Runnable t;
    while ((t = tasks.poll()) != null) {
      try {
        t.run();
      } catch (RuntimeException e) {
        LOG.error("media task failed", e);
      }
    }
  }

  /**
   * The tick the wall clock is in: {@link #tick} while the loop keeps time, ahead of it while the
   * loop catches up after a stall (a busy host, a pause). Packets read then are stamped with the
   * time they are read, not with the stale tick, or the recorder would take them for early.
   */
  long wallTick() {
    long overdue = System.nanoTime() - nextTick;
    return overdue < 0 ? tick : tick + 1 + overdue / TICK_NANOS;
  }

  private void onTick() {
    tick++;
    for (int i = 0; i < endpoints.size(); i++) {
      endpoints.get(i).onTick();
    }
    for (int i = 0; i < bridges.size(); i++) {
      bridges.get(i).onTick(tick);
    }
  }

  void shutdown() {
    recordings.shutdown();
    running = false;
    selector.wakeup();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

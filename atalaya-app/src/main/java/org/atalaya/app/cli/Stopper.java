package org.atalaya.app.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.atalaya.app.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and Ctrl-C into one orderly stop of the node, owned by Atalaya rather than by the
 * JVM's exit: the first signal starts the node's shutdown (new calls refused, live calls ended,
 * recordings finalized, database closed last) and {@code run} then returns 0; a second signal only
 * cuts the wait for calls short. A JVM exit by any other path (SIGHUP, System.exit) runs the same
 * stop from a shutdown hook and waits for it.
 *
 * <p>Threading: signal handlers run on the JVM's signal thread and only start or hurry the stop,
 * which runs on its own thread; {@link #awaitStopped} blocks the main thread until it is done.
 */
final class Stopper {
  private static final Logger LOG = LoggerFactory.getLogger(Stopper.class);

  private final Node node;
  private final AutoCloseable demo;
  private final AtomicBoolean started = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  Stopper(Node node, AutoCloseable demo) {
    this.node = node;
    this.demo = demo;
  }

  /** Handles TERM and INT; a signal the JVM was started with ignored (a script's background job) stays ignored. */
  void install() {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), s -> signalled("SIG" + s.getName()));
      } catch (IllegalArgumentException e) {
        LOG.debug("SIG{} cannot be handled here: {}", name, e.getMessage());
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop("JVM exit");
      awaitQuietly();
    }, "atalaya-exit"));
  }

  void signalled(String signal) {
    if (!stop(signal)) {
      LOG.info("{} again: waiting at most {} ms more for calls; still closing in order", signal,
          Node.HURRIED_WAIT_MS);
      node.hurry();
    }
  }

  /** Starts the stop once; false if it had already started. */
  boolean stop(String why) {
    if (!started.compareAndSet(false, true)) {
      return false;
    }
    LOG.info("{}: stopping Atalaya (a second signal stops waiting for calls)", why);
    Thread.ofPlatform().name("atalaya-stop").start(() -> {
      try {
        demo.close();
      } catch (Exception e) {
        LOG.warn("demo traffic did not stop cleanly: {}", e.toString());
      }
      try {
        node.close();
      } finally {
        stopped.countDown();
      }
    });
    return true;
  }

  void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  private void awaitQuietly() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

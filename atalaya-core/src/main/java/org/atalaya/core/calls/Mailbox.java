package org.atalaya.core.calls;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial mailbox: tasks posted from any thread run one at a time, in order, on the given
 * executor (virtual threads in production). Everything a call's control state touches runs
 * here, so call control needs no locks.
 *
 * <p>Threading: {@link #post} may be called from any thread; tasks never overlap and each sees
 * the effects of the ones before it (the AtomicBoolean hand-off is the happens-before edge).
 */
public final class Mailbox implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(Mailbox.class);

  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final Executor executor;
  private final String name;

  public Mailbox(Executor executor, String name) {
    this.executor = Objects.requireNonNull(executor);
    this.name = name;
  }

  /** Queues a task. */
  public void post(Runnable task) {
    tasks.add(Objects.requireNonNull(task));
    schedule();
  }

  /**
   * Runs {@code task} in the mailbox and waits for its result: for the rare caller that must
   * answer synchronously (a re-INVITE's SDP). Never call it from inside the mailbox.
   */
  public <T> T ask(java.util.concurrent.Callable<T> task, java.time.Duration timeout) {
    java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
    post(() -> {
      try {
        result.complete(task.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for mailbox " + name, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(name + ": " + e.getCause().getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(name + ": no answer within " + timeout, e);
    }
  }

  @Override
  public void execute(Runnable task) {
    post(task);
  }

  private void schedule() {
    if (draining.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    try {
      Runnable task;
      while ((task = tasks.poll()) != null) {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("task failed in mailbox {}", name, e);
        }
      }
    } finally {
      draining.set(false);
      // A task posted between the last poll and the reset would otherwise wait forever.
      if (!tasks.isEmpty()) {
        schedule();
      }
    }
  }
}

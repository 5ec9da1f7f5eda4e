package org.atalaya.core.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MailboxTest {
  @Test
  void tasksFromManyThreadsRunOneAtATimeInPostingOrderPerThread() throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Mailbox mailbox = new Mailbox(pool, "test");
      AtomicInteger running = new AtomicInteger();
      AtomicInteger maxRunning = new AtomicInteger();
      List<Integer> seen = new ArrayList<>(); // unsynchronized on purpose: the mailbox serializes
      int producers = 8;
      int perProducer = 2000;
      CountDownLatch done = new CountDownLatch(producers * perProducer);
      for (int p = 0; p < producers; p++) {
        int producer = p;
        pool.execute(() -> {
          for (int i = 0; i < perProducer; i++) {
            int value = producer * perProducer + i;
            mailbox.post(() -> {
              maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
              seen.add(value);
              running.decrementAndGet();
              done.countDown();
            });
          }
        });
      }
      assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(maxRunning.get()).isEqualTo(1);
      assertThat(seen).hasSize(producers * perProducer);
      for (int p = 0; p < producers; p++) {
        int lo = p * perProducer;
        List<Integer> mine = seen.stream().filter(v -> v >= lo && v < lo + perProducer).toList();
        assertThat(mine).isSorted();
      }
    }
  }

  @Test
  void aFailingTaskDoesNotStopTheMailbox() throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Mailbox mailbox = new Mailbox(pool, "test");
      CountDownLatch after = new CountDownLatch(1);
      mailbox.post(() -> {
        throw new IllegalStateException("boom");
      });
      mailbox.post(after::countDown);
      assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }
}

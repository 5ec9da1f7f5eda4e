package org.atalaya.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.atalaya.media.RecordingResult;
import org.atalaya.media.RecordingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many recordings drained by one writer thread, and stop writing what the writer has not. */
class RecordingWriterTest {
  private final RecordingWriter writer = new RecordingWriter("recording-test");

  @AfterEach
  void shutdown() {
    writer.shutdown();
  }

  @Test
  void theWriterDrainsEveryTapWithoutStop() throws Exception {
    List<MemorySink> sinks = new ArrayList<>();
    List<StereoTap> taps = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      MemorySink sink = new MemorySink();
      sinks.add(sink);
      taps.add(new StereoTap(sink, writer));
    }
    for (int frame = 0; frame < 10; frame++) {
      for (int i = 0; i < taps.size(); i++) {
        taps.get(i).offer(pcm(i, frame), pcm(-i, frame));
      }
    }
    // Nothing wakes the writer: its own drain, every 100 ms, must find all 2,000 frames.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (sinks.stream().anyMatch(s -> s.frames() < 10) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    for (int i = 0; i < sinks.size(); i++) {
      assertThat(sinks.get(i).frames()).as("frames drained of tap %d", i).isEqualTo(10);
      assertInterleaved(sinks.get(i).samples(), i, 10);
    }
    for (StereoTap tap : taps) {
      assertThat(tap.stop().frames()).isEqualTo(10);
    }
    assertThat(writer.size()).isZero();
  }

  @Test
  void stopWritesWhatIsQueuedAndClosesTheSink() {
    ClosingSink sink = new ClosingSink();
    StereoTap tap = new StereoTap(sink, writer);
    for (int frame = 0; frame < 7; frame++) {
      tap.offer(pcm(3, frame), null);
    }
    RecordingResult result = tap.stop();
    assertThat(sink.closed).isTrue();
    assertThat(result.frames()).isEqualTo(7);
    assertThat(result.bytes()).isEqualTo(7 * 640);
    assertThat(result.silentRightFrames()).isEqualTo(7);
    assertThat(result.error()).isNull();
    assertThat(sink.frames()).isEqualTo(7);
    assertThat(tap.stop()).isSameAs(result);
    assertThat(writer.size()).isZero();
  }

  @Test
  void aSinkBlockedOnTheWriterDoesNotHoldUpAnotherCallsStop() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    RecordingSink stuck = new MemorySink() {
      @Override
      public synchronized void write(byte[] buffer, int offset, int length) {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        super.write(buffer, offset, length);
      }
    };
    StereoTap slow = new StereoTap(stuck, writer);
    slow.offer(pcm(1, 0), pcm(1, 0));
    assertThat(entered.await(2, TimeUnit.SECONDS)).as("the writer reached the slow sink").isTrue();

    MemorySink sink = new MemorySink();
    StereoTap other = new StereoTap(sink, writer);
    for (int frame = 0; frame < 5; frame++) {
      other.offer(pcm(2, frame), pcm(-2, frame));
    }
    long started = System.nanoTime();
    RecordingResult result = other.stop(); // the writer is stuck: stop must write these itself
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(result.frames()).isEqualTo(5);
    assertInterleaved(sink.samples(), 2, 5);

    release.countDown();
    assertThat(slow.stop().frames()).isEqualTo(1);
  }

  @Test
  void aFailedSinkEndsItsRecordingAndCountsTheRest() {
    AtomicBoolean fail = new AtomicBoolean();
    ClosingSink sink = new ClosingSink() {
      @Override
      public synchronized void write(byte[] buffer, int offset, int length) {
        if (fail.get()) {
          throw new IllegalStateException("disk gone");
        }
        super.write(buffer, offset, length);
      }
    };
    // A writer that no longer runs: the test's own drains are the only ones, so the order is fixed.
    RecordingWriter stopped = new RecordingWriter("recording-stopped");
    stopped.shutdown();
    StereoTap tap = new StereoTap(sink, stopped);
    tap.offer(pcm(4, 0), pcm(4, 0));
    tap.drain();
    fail.set(true);
    tap.offer(pcm(4, 1), pcm(4, 1));
    tap.drain();
    tap.offer(pcm(4, 2), pcm(4, 2)); // after the error: dropped, not queued
    RecordingResult result = tap.stop();
    assertThat(result.frames()).isEqualTo(1);
    assertThat(result.error()).hasMessage("disk gone");
    assertThat(result.droppedFrames()).isEqualTo(1);
    assertThat(sink.closed).isTrue();
  }

  /** A frame whose every sample says which tap and frame it is, per channel. */
  private static short[] pcm(int tap, int frame) {
    short[] s = new short[160];
    java.util.Arrays.fill(s, (short) (tap * 100 + frame));
    return s;
  }

  private static void assertInterleaved(short[] samples, int tap, int frames) {
    assertThat(samples).hasSize(frames * 320);
    for (int frame = 0; frame < frames; frame++) {
      int o = frame * 320;
      assertThat(samples[o]).as("left of frame %d", frame).isEqualTo((short) (tap * 100 + frame));
      assertThat(samples[o + 1]).as("right of frame %d", frame).isEqualTo((short) (-tap * 100 + frame));
    }
  }

  private static class ClosingSink extends MemorySink {
    volatile boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }
}

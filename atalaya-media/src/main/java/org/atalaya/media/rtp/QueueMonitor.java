package org.atalaya.media.rtp;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.atalaya.media.MonitorMode;
import org.atalaya.media.PcmMonitor;

/**
 * A supervisor reached through queues of PCM frames (the browser's WebSocket). The media loop
 * only offers and polls, never blocks.
 */
final class QueueMonitor extends MonitorParty implements PcmMonitor {
  private static final int HEARD_CAPACITY = 25; // 500 ms
  private static final int SPOKEN_CAPACITY = 50;
  private static final int SPOKEN_MAX_BACKLOG = 10; // 200 ms
  private static final short[] END = new short[0];

  private final BlockingQueue<short[]> heard = new ArrayBlockingQueue<>(HEARD_CAPACITY);
  private final BlockingQueue<short[]> toMix = new ArrayBlockingQueue<>(SPOKEN_CAPACITY);

  QueueMonitor(NioBridge bridge, MonitorMode mode) {
    super(bridge, mode);
  }

  @Override
  public short[] poll(long timeout, TimeUnit unit) throws InterruptedException {
    if (isClosed() && heard.isEmpty()) {
      return null;
    }
    short[] f = heard.poll(timeout, unit);
    if (f == END) {
      heard.offer(END); // keep later readers from waiting
      return null;
    }
    return f;
  }

  @Override
  public void speak(short[] frame) {
    if (frame.length != FRAME_SAMPLES) {
      throw new IllegalArgumentException("a frame is " + FRAME_SAMPLES + " samples, got " + frame.length);
    }
    if (isClosed()) {
      return;
    }
    if (!toMix.offer(frame.clone())) {
      framesDropped++;
    }
  }

  @Override
  short[] spoken(long tick) {
    while (toMix.size() > SPOKEN_MAX_BACKLOG) {
      toMix.poll();
      framesDropped++;
    }
    short[] f = toMix.poll();
    if (f != null) {
      framesSpoken++;
    }
    return f;
  }

  @Override
  void hear(short[] mix) {
    if (isClosed()) {
      return;
    }
    short[] copy = mix.clone();
    while (!heard.offer(copy)) {
      if (heard.poll() != null) {
        framesDropped++;
      }
    }
    framesHeard++;
  }

  @Override
  void onClose() {
    heard.clear();
    heard.offer(END);
    toMix.clear();
  }
}

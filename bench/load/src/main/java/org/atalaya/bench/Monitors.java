package org.atalaya.bench;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.atalaya.media.audio.Tones;

/**
 * Supervisors on a share of the calls, as the dashboard's Listen and Barge buttons open them: a
 * WebSocket per session carrying 8 kHz PCM; a barging supervisor also speaks (a 700 Hz tone,
 * one 20 ms frame every 20 ms).
 */
final class Monitors implements AutoCloseable {
  private final List<WebSocket> sockets = new ArrayList<>();
  private final List<WebSocket> speakers = new ArrayList<>();
  private final AtomicLong framesHeard = new AtomicLong();
  private volatile boolean running = true;
  private Thread speaker;

  static Monitors open(Api api, List<String> listen, List<String> barge) throws Exception {
    Monitors m = new Monitors();
    for (String call : listen) {
      m.sockets.add(api.monitor(call, "listen", m.new Ear()));
    }
    for (String call : barge) {
      WebSocket ws = api.monitor(call, "barge", m.new Ear());
      m.sockets.add(ws);
      m.speakers.add(ws);
    }
    m.speaker = Thread.ofPlatform().daemon().name("bench-barge").start(m::speak);
    return m;
  }

  long framesHeard() {
    return framesHeard.get();
  }

  int sessions() {
    return sockets.size();
  }

  private void speak() {
    short[] tone = Tones.sine8k(700, 1000, 6000);
    List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
    for (int i = 0; i < speakers.size(); i++) {
      pending.add(CompletableFuture.completedFuture(null));
    }
    long next = System.nanoTime();
    int frame = 0;
    while (running) {
      ByteBuffer pcm = ByteBuffer.allocate(320).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < 160; i++) {
        pcm.putShort(tone[(frame * 160 + i) % tone.length]);
      }
      frame = (frame + 1) % 50;
      for (int i = 0; i < speakers.size(); i++) {
        if (pending.get(i).isDone()) { // one frame in flight per socket, as the WebSocket API requires
          pending.set(i, speakers.get(i).sendBinary(pcm.duplicate().flip(), true));
        }
      }
      next += 20_000_000;
      LockSupport.parkNanos(next - System.nanoTime());
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    if (speaker != null) {
      speaker.join(2000);
    }
    for (WebSocket ws : sockets) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
    }
  }

  private final class Ear implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      if (last) {
        framesHeard.incrementAndGet();
      }
      ws.request(1);
      return null;
    }
  }
}

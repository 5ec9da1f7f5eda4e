package org.atalaya.media.rtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.atalaya.media.Codec;
import org.atalaya.media.Direction;
import org.atalaya.media.MediaConfig;
import org.atalaya.media.MonitorMode;
import org.atalaya.media.RemoteMedia;
import org.atalaya.media.audio.G711;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 20 ms tick of a supervised call ({@link NioBridge#onTick}): the hearing matrix, the mixes,
 * their G.711 encoding and one UDP send per mixed party, to phones on loopback. A listening
 * supervisor costs one mix (its own; customer and agent stay on the packet relay); a barging one
 * three (customer, agent and supervisor each hear a different sum). {@code -prof gc} gives the
 * allocation per tick, which should be zero.
 *
 * <p>The bridge is taken off its media loop's clock and ticked from the benchmark thread. That
 * is safe because nothing else touches its state: the phones never send, so the loop receives
 * nothing, relays nothing and plays nothing; it only keeps its own (empty) ticks. Every leg's
 * jitter buffer holds one frame of a tone for the benchmark's fixed tick, so each tick mixes
 * real audio, as in a call where everybody talks at once.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MixerBench {
  private static final InetAddress LO = InetAddress.getLoopbackAddress();
  private static final long TICK = JitterBuffer.DELAY_TICKS; // where a packet put at tick 0 plays

  @Param({"LISTEN", "BARGE"})
  public MonitorMode mode;

  private NioMediaEngine engine;
  private final DatagramChannel[] phones = new DatagramChannel[3];
  private NioBridge bridge;
  private NioRtpEndpoint supervisor;

  @Setup(Level.Trial)
  public void start() throws Exception {
    engine = new NioMediaEngine(new MediaConfig(LO, LO, 42100, 42199, 1));
    Object call = new Object();
    NioRtpEndpoint[] legs = new NioRtpEndpoint[3]; // customer, agent, supervisor
    for (int i = 0; i < 3; i++) {
      phones[i] = DatagramChannel.open().bind(new InetSocketAddress(LO, 0));
      legs[i] = (NioRtpEndpoint) engine.open(call);
      legs[i].configure(new RemoteMedia((InetSocketAddress) phones[i].getLocalAddress(), Codec.PCMU, 101,
          Direction.SENDRECV));
    }
    bridge = (NioBridge) engine.bridge(legs[0], legs[1]);
    supervisor = legs[2];
    bridge.monitor(supervisor, mode);
    // Loop tasks run in order, so the bridge and its monitor are attached by the time this runs.
    CompletableFuture<Void> ready = new CompletableFuture<>();
    MediaLoop loop = legs[0].loop;
    loop.execute(() -> {
      loop.bridges.remove(bridge);
      double[] hz = {440, 620, 350}; // different voices, so no mix is a multiple of one frame
      for (int i = 0; i < 3; i++) {
        byte[] payload = new byte[160];
        for (int s = 0; s < 160; s++) {
          payload[s] = G711.linearToUlaw((short) (8000 * Math.sin(2 * Math.PI * hz[i] * s / 8000.0)));
        }
        legs[i].jitter.put(0x1000 + i, 0, Codec.PCMU, payload, 0, 160, 0, -1);
      }
      ready.complete(null);
    });
    ready.get(5, TimeUnit.SECONDS);
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    // A tick that sent no mix (no remote, a prompt playing) measured the wrong path.
    if (supervisor.counters().packetsOut() == 0) {
      throw new IllegalStateException("the supervisor was sent no mix");
    }
    bridge.close();
    engine.close();
    for (DatagramChannel p : phones) {
      p.close();
    }
  }

  @Benchmark
  public void tick() {
    bridge.onTick(TICK);
  }
}

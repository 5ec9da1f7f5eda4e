package org.atalaya.media.rtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import org.atalaya.media.Bridge;
import org.atalaya.media.Codec;
import org.atalaya.media.Direction;
import org.atalaya.media.MediaConfig;
import org.atalaya.media.RecordingSink;
import org.atalaya.media.RecordingTap;
import org.atalaya.media.RemoteMedia;
import org.atalaya.media.RtpEndpoint;
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
 * One RTP packet through Atalaya's media engine on loopback: the caller's socket sends a 20 ms
 * PCMU packet to its endpoint, the bridge relays it (transcoded to PCMA when {@code agentCodec}
 * says so) and the agent's socket receives it. The time is the whole round (two system calls on
 * this side, the media loop's receive and send on the other), so it bounds the forwarding delay
 * from above. With {@code recording}, the bridge also feeds a stereo recording tap whose sink
 * discards the bytes. {@code -prof gc} gives the allocation per packet, which should be zero on
 * Atalaya's side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ForwardBench {
  private static final InetAddress LO = InetAddress.getLoopbackAddress();

  @Param({"PCMU", "PCMA"})
  public String agentCodec;

  @Param({"false", "true"})
  public boolean recording;

  private NioMediaEngine engine;
  private DatagramChannel caller;
  private DatagramChannel agent;
  private InetSocketAddress callerEndpoint;
  private RecordingTap tap;
  private final ByteBuffer packet = ByteBuffer.allocateDirect(172);
  private final ByteBuffer received = ByteBuffer.allocateDirect(2048);
  private int seq;

  @Setup(Level.Trial)
  public void start() throws IOException {
    engine = new NioMediaEngine(new MediaConfig(LO, LO, 42000, 42099, 1));
    caller = DatagramChannel.open().bind(new InetSocketAddress(LO, 0));
    agent = DatagramChannel.open().bind(new InetSocketAddress(LO, 0));
    agent.configureBlocking(false);
    Object call = new Object();
    RtpEndpoint a = engine.open(call);
    RtpEndpoint b = engine.open(call);
    a.configure(new RemoteMedia((InetSocketAddress) caller.getLocalAddress(), Codec.PCMU, 101, Direction.SENDRECV));
    b.configure(new RemoteMedia((InetSocketAddress) agent.getLocalAddress(), Codec.valueOf(agentCodec), 101,
        Direction.SENDRECV));
    Bridge bridge = engine.bridge(a, b);
    if (recording) {
      tap = bridge.record(new DiscardingSink());
    }
    callerEndpoint = a.localAddress();
    for (int i = 0; i < 160; i++) {
      packet.put(12 + i, G711.linearToUlaw((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0))));
    }
    packet.put(0, (byte) 0x80).put(1, (byte) 0).putInt(8, 0x1234abcd);
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    if (tap != null) {
      tap.stop();
    }
    engine.close();
    caller.close();
    agent.close();
  }

  @Benchmark
  public int relayOnePacket() throws IOException {
    seq++;
    packet.putShort(2, (short) seq).putInt(4, seq * 160);
    packet.clear();
    caller.send(packet, callerEndpoint);
    long deadline = System.nanoTime() + 1_000_000_000L;
    received.clear();
    while (agent.receive(received) == null) {
      if (System.nanoTime() > deadline) {
        throw new IOException("packet " + seq + " was not relayed within 1 s");
      }
      Thread.onSpinWait();
    }
    return received.position();
  }

  /** Takes the recording's bytes and drops them: the cost measured is the tap's, not a disk's. */
  static final class DiscardingSink implements RecordingSink {
    @Override
    public void write(byte[] buffer, int offset, int length) {}

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}

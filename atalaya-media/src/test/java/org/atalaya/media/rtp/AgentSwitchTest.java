package org.atalaya.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import org.atalaya.media.Bridge;
import org.atalaya.media.Codec;
import org.atalaya.media.Direction;
import org.atalaya.media.MediaConfig;
import org.atalaya.media.RecordingTap;
import org.atalaya.media.RemoteMedia;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.media.audio.Goertzel;
import org.junit.jupiter.api.Test;

/**
 * An attended transfer in the media path: a caller (440 Hz) talks to a first agent (1000 Hz),
 * waits on its own while the two agents consult (the second at 1700 Hz), then talks to the second.
 * The one recording holds the first agent, then silence, then the second, on the right channel.
 */
class AgentSwitchTest {
  private static final InetAddress LO = InetAddress.getLoopbackAddress();

  @Test
  void oneRecordingFollowsTheCallerFromOneAgentToTheNext() throws Exception {
    try (NioMediaEngine engine = new NioMediaEngine(new MediaConfig(LO, LO, 41200, 41299, 1));
        LoopbackParty caller = new LoopbackParty(Codec.PCMU, 440);
        LoopbackParty first = new LoopbackParty(Codec.PCMA, 1000);
        LoopbackParty second = new LoopbackParty(Codec.PCMU, 1700)) {
      Object call = new Object();
      RtpEndpoint c = engine.open(call);
      RtpEndpoint a1 = engine.open(call);
      RtpEndpoint a2 = engine.open(call);
      c.configure(new RemoteMedia(caller.address(), Codec.PCMU, 101, Direction.SENDRECV));
      a1.configure(new RemoteMedia(first.address(), Codec.PCMA, 101, Direction.SENDRECV));
      a2.configure(new RemoteMedia(second.address(), Codec.PCMU, 101, Direction.SENDRECV));
      Bridge bridge = engine.bridge(c, a1);
      MemorySink sink = new MemorySink();
      RecordingTap tap = bridge.record(sink);
      int[] seq = new int[3];

      talk(50, seq, caller, c, first, a1, null, null);
      int firstEnds = sink.frames();
      bridge.switchAgent(null);
      Bridge consult = engine.bridge(a1, a2);
      pause(seq); // what the loop relayed before the switch reaches the caller first
      caller.clear();
      talk(50, seq, caller, c, first, a1, second, a2);
      short[] callerOnHold = caller.heard();
      short[] firstHeardInConsult = first.heard();
      int consultEnds = sink.frames();
      consult.close();
      bridge.switchAgent(a2);
      pause(seq);
      caller.clear();
      first.clear();
      talk(50, seq, caller, c, first, a1, second, a2);
      Thread.sleep(200);
      tap.stop();
      bridge.close();

      assertThat(Goertzel.detects(callerOnHold, 8000, 1000)).as("no agent reaches the waiting caller").isFalse();
      assertThat(Goertzel.detects(callerOnHold, 8000, 1700)).isFalse();
      assertThat(Goertzel.detects(firstHeardInConsult, 8000, 1700)).as("the agents consult").isTrue();
      assertThat(Goertzel.detects(caller.heard(), 8000, 1700)).as("the caller hears the second agent").isTrue();
      assertThat(Goertzel.detects(caller.heard(), 8000, 1000)).isFalse();
      assertThat(Goertzel.detects(first.heard(), 8000, 440)).as("the first agent has left").isFalse();
      assertThat(Goertzel.detects(second.heard(), 8000, 440)).isTrue();

      short[] right = rightChannel(sink.samples());
      // Margins of 10 frames on each side of a switch: the loop applies it on its next tick.
      short[] one = Arrays.copyOfRange(right, 160 * 5, 160 * (firstEnds - 10));
      short[] gap = Arrays.copyOfRange(right, 160 * (firstEnds + 10), 160 * (consultEnds - 10));
      short[] two = Arrays.copyOfRange(right, 160 * (consultEnds + 10), right.length - 160 * 15);
      assertThat(Goertzel.detects(one, 8000, 1000)).isTrue();
      assertThat(Goertzel.detects(one, 8000, 1700)).isFalse();
      assertThat(Goertzel.detects(gap, 8000, 1000)).as("the consultation is not on the customer's recording").isFalse();
      assertThat(Goertzel.detects(gap, 8000, 1700)).isFalse();
      assertThat(Goertzel.detects(two, 8000, 1700)).isTrue();
      assertThat(Goertzel.detects(two, 8000, 1000)).isFalse();
      short[] left = leftChannel(sink.samples());
      assertThat(Goertzel.detects(Arrays.copyOfRange(left, 160 * (firstEnds + 10), 160 * (consultEnds - 10)),
          8000, 440)).as("the caller is recorded while waiting").isTrue();
      c.close();
      a1.close();
      a2.close();
    }
  }

  /** 100 ms without packets; the parties' RTP clocks go on, as a real phone's would. */
  private static void pause(int[] seq) throws InterruptedException {
    Thread.sleep(100);
    for (int i = 0; i < seq.length; i++) {
      seq[i] += 5;
    }
  }

  /** {@code frames} 20 ms frames in real time from every party given (null: silent). */
  private static void talk(int frames, int[] seq, LoopbackParty p0, RtpEndpoint e0, LoopbackParty p1, RtpEndpoint e1,
      LoopbackParty p2, RtpEndpoint e2) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < frames; i++) {
      p0.sendFrame(e0.localAddress(), seq[0]++);
      p1.sendFrame(e1.localAddress(), seq[1]++);
      if (p2 != null) {
        p2.sendFrame(e2.localAddress(), seq[2]++);
      }
      long due = start + (i + 1) * 20_000_000L;
      while (System.nanoTime() < due) {
        Thread.sleep(1);
      }
    }
  }

  private static short[] rightChannel(short[] stereo) {
    short[] out = new short[stereo.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = stereo[2 * i + 1];
    }
    return out;
  }

  private static short[] leftChannel(short[] stereo) {
    short[] out = new short[stereo.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = stereo[2 * i];
    }
    return out;
  }
}

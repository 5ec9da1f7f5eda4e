package org.atalaya.media.rtp;

import java.util.concurrent.TimeUnit;
import org.atalaya.media.audio.G711;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * G.711 on one 20 ms frame (160 samples), as the media loop does it per packet: decode for the
 * recording and the mixes, encode for prompts and mixes, and the µ-law/A-law table transcode a
 * relay between a PCMU caller and a PCMA agent pays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class G711Bench {
  private final byte[] ulaw = new byte[160];
  private final byte[] out = new byte[160];
  private final short[] pcm = new short[160];

  @Setup
  public void tone() {
    for (int i = 0; i < 160; i++) {
      pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
      ulaw[i] = G711.linearToUlaw(pcm[i]);
    }
  }

  @Benchmark
  public short[] decodeFrame() {
    for (int i = 0; i < 160; i++) {
      pcm[i] = G711.ulawToLinear(ulaw[i]);
    }
    return pcm;
  }

  @Benchmark
  public byte[] encodeFrame() {
    for (int i = 0; i < 160; i++) {
      out[i] = G711.linearToUlaw(pcm[i]);
    }
    return out;
  }

  @Benchmark
  public byte[] transcodeFrame() {
    for (int i = 0; i < 160; i++) {
      out[i] = G711.ulawToAlaw(ulaw[i]);
    }
    return out;
  }
}

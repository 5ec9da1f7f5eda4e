package org.atalaya.media.rtp;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.atalaya.media.RecordingSink;
import org.atalaya.store.Database;
import org.atalaya.store.blob.FileBlobStore;
import org.atalaya.store.vault.EncryptedRecordingStore;
import org.atalaya.store.vault.MasterKey;
import org.atalaya.store.vault.RecordingKeys;
import org.atalaya.store.vault.TenantKeyring;
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
 * What recording a call costs per 20 ms stereo frame, on each side of {@link StereoTap}'s queue.
 *
 * <p>{@code offer}: the media loop's part, once per tick and recorded call: interleave the two
 * channels and queue the frame for the loop's writer thread, which drains every call's queue and
 * whose sinks drop the frames (so the figure is the tap's, not a disk's). One operation is one tick of a loop with {@code calls} recorded
 * calls (divide by {@code calls} for one frame). Ticks are 20 ms apart as in a call, so the
 * writers have done their work and sleep when one comes. {@code -prof gc} counts every thread,
 * and at 50 operations a second the background's garbage weighs on each: read offer's time and
 * allocation against {@code offerBaseline}'s.
 *
 * <p>{@code vaultWrite}: the writer's part with the production sink, as RecordingService builds
 * it: SHA-256 of the audio (core's HashingSink) over the vault's Tink AES-256-GCM-HKDF stream
 * into a spool file, flushed every 50 frames like the tap does. One recording per iteration
 * (opening and finalizing one, a key and a database row, is per call, not per frame).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecorderWriteBench {

  @State(Scope.Thread)
  public static class Tap {
    /** Recorded calls on the media loop: one tick offers a frame to each call's tap. */
    @Param({"1", "100"})
    public int calls;

    StereoTap[] taps;
    RecordingWriter writer;
    byte[][] frames;
    final short[] customer = tone(440);
    final short[] agent = tone(620);

    @Setup(Level.Trial)
    public void start() {
      taps = new StereoTap[calls];
      writer = new RecordingWriter("recording-bench");
      frames = new byte[calls][StereoTap.FRAME_BYTES];
      for (int i = 0; i < calls; i++) {
        taps[i] = new StereoTap(new ForwardBench.DiscardingSink(), writer);
      }
    }

    /** Not timed: the 20 ms between ticks, in which the writers do their work and sleep. */
    @Setup(Level.Invocation)
    public void betweenTicks() {
      LockSupport.parkNanos(MediaLoop.TICK_NANOS);
    }

    @TearDown(Level.Trial)
    public void stop() {
      for (StereoTap t : taps) {
        // A dropped frame took the queue-full path, not the one a call takes: the figure is wrong.
        if (t.stop().droppedFrames() > 0) {
          throw new IllegalStateException("the writer fell behind: " + t.stop());
        }
      }
      writer.shutdown();
    }
  }

  @State(Scope.Thread)
  public static class Vault {
    Path dir;
    Database db;
    EncryptedRecordingStore store;
    RecordingSink sink;
    String key;
    int recordings;
    int frames;
    final byte[] frame = new byte[StereoTap.FRAME_BYTES];

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = Files.createTempDirectory("recorder-bench");
      db = Database.open("jdbc:h2:mem:recorder-bench;DB_CLOSE_DELAY=-1", "sa", "");
      RecordingKeys keys = new RecordingKeys(db.jdbi(), TenantKeyring.inMemory(MasterKey.ephemeral()),
          Clock.systemUTC());
      store = new EncryptedRecordingStore(new FileBlobStore(dir.resolve("blobs")), dir.resolve("spool"), keys);
      short[] l = tone(440);
      short[] r = tone(620);
      for (int i = 0; i < 160; i++) { // the tap's layout: L, R, 16-bit little-endian
        frame[i * 4] = (byte) l[i];
        frame[i * 4 + 1] = (byte) (l[i] >> 8);
        frame[i * 4 + 2] = (byte) r[i];
        frame[i * 4 + 3] = (byte) (r[i] >> 8);
      }
    }

    @Setup(Level.Iteration)
    public void startRecording() throws Exception {
      key = "t/bench/" + recordings++ + ".pcm";
      // HashingSink is package-private in atalaya-core: reach it as RecordingService does, reflectively.
      Constructor<?> hashing = Class.forName("org.atalaya.core.recording.HashingSink")
          .getDeclaredConstructor(RecordingSink.class);
      hashing.setAccessible(true);
      sink = (RecordingSink) hashing.newInstance(store.create("t", key));
    }

    /** Finalizes and deletes the recording, so a run leaves at most one iteration's audio on disk. */
    @TearDown(Level.Iteration)
    public void endRecording() throws IOException {
      sink.close();
      store.delete(key);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      db.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  // At 50 ticks a second, one call's offer needs seconds of warm-up to be compiled. Sampled: a
  // tick's time has a tail (the loop losing its CPU to a writer), and its percentiles matter.
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @Warmup(iterations = 3, time = 5)
  @Measurement(iterations = 5, time = 5)
  public void offer(Tap t) {
    for (StereoTap tap : t.taps) {
      tap.offer(t.customer, t.agent);
    }
  }

  /**
   * The baseline offer is measured against: the same interleaving into a frame per call, kept,
   * with no hand-off. What is left of a tick here is the cost of caches gone cold in 20 ms.
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @Warmup(iterations = 3, time = 5)
  @Measurement(iterations = 5, time = 5)
  public void offerBaseline(Tap t) {
    for (byte[] frame : t.frames) {
      for (int i = 0; i < 160; i++) {
        frame[i * 4] = (byte) t.customer[i];
        frame[i * 4 + 1] = (byte) (t.customer[i] >> 8);
        frame[i * 4 + 2] = (byte) t.agent[i];
        frame[i * 4 + 3] = (byte) (t.agent[i] >> 8);
      }
    }
  }

  @Benchmark
  public void vaultWrite(Vault v) throws IOException {
    v.sink.write(v.frame, 0, v.frame.length);
    if (++v.frames % 50 == 0) {
      v.sink.flush();
    }
  }

  static short[] tone(double hz) {
    short[] pcm = new short[160];
    for (int i = 0; i < 160; i++) {
      pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000.0));
    }
    return pcm;
  }
}

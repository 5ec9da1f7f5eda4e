package org.atalaya.store.vault;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.atalaya.media.RecordingSink;
import org.atalaya.store.Database;
import org.atalaya.store.blob.FileBlobStore;

/**
 * What the vault costs: CPU per recorded call-second when every 20 ms stereo frame is encrypted
 * on its way to disk (against writing the same frames in the clear), the latency of a Range read
 * that decrypts from the middle of a recording, and the time to recover an interrupted hour.
 * Run with {@code bench/vault.sh}; not part of {@code ./mvnw verify}.
 */
public final class VaultBench {
  private static final int FRAME = 640; // 20 ms of 8 kHz 16-bit stereo
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    Path dir = Files.createTempDirectory("vault-bench");
    Database db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    RecordingKeys keys = new RecordingKeys(db.jdbi(), TenantKeyring.inMemory(MasterKey.ephemeral()), Clock.systemUTC());
    EncryptedRecordingStore store = new EncryptedRecordingStore(new FileBlobStore(dir.resolve("blobs")),
        dir.resolve("spool"), keys);
    byte[] frame = new byte[FRAME];
    new Random(7).nextBytes(frame);

    System.out.printf("# vault bench: %d recordings x %d s, %d cores, %s%n", calls, seconds,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
    writeRun("warm-up encrypted", calls / 5, seconds, (i) -> store.create("t", "warm/" + i + ".pcm"), frame);
    writeRun("warm-up clear", calls / 5, seconds, (i) -> clear(dir.resolve("warm-clear-" + i)), frame);
    Result enc = writeRun("encrypted (vault)", calls, seconds, (i) -> store.create("t", "run/" + i + ".pcm"), frame);
    Result plain = writeRun("clear (baseline)", calls, seconds, (i) -> clear(dir.resolve("clear-" + i)), frame);
    System.out.println();
    System.out.println("| write path | recordings | audio | wall s | CPU s | recorded call-seconds per CPU-second | MB/s per core |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
    for (Result r : List.of(enc, plain)) {
      System.out.printf("| %s | %d | %d s each | %.2f | %.2f | %,.0f | %.0f |%n", r.name, calls, seconds, r.wall, r.cpu,
          (double) calls * seconds / r.cpu, (double) calls * seconds * FRAME * 50 / 1e6 / r.cpu);
    }

    // Range reads from the middle of 60-second recordings: 64 KiB at random offsets.
    Random random = new Random(11);
    long[] micros = new long[2000];
    long size = store.size("run/0.pcm");
    for (int i = 0; i < micros.length; i++) {
      String key = "run/" + random.nextInt(calls) + ".pcm";
      long offset = (long) (random.nextDouble() * (size - 65536));
      long t0 = System.nanoTime();
      try (InputStream in = store.open(key, offset)) {
        in.readNBytes(65536);
      }
      micros[i] = (System.nanoTime() - t0) / 1000;
    }
    Arrays.sort(micros);
    System.out.printf("%n| Range read (64 KiB at a random offset, key lookup + unwrap + decrypt) | p50 %d us | p99 %d us |%n",
        micros[micros.length / 2], micros[micros.length * 99 / 100]);

    // Recovery of an interrupted one-hour recording.
    RecordingSink hour = store.create("t", "crash/hour.pcm");
    byte[] second = new byte[FRAME * 50];
    new Random(3).nextBytes(second);
    for (int s = 0; s < 3600; s++) {
      hour.write(second, 0, second.length);
    }
    hour.flush(); // never closed: the process "dies" here
    EncryptedRecordingStore restarted = new EncryptedRecordingStore(new FileBlobStore(dir.resolve("blobs")),
        dir.resolve("spool"), keys);
    long t0 = System.nanoTime();
    var recovered = restarted.recoverInterrupted();
    double took = (System.nanoTime() - t0) / 1e9;
    System.out.printf("| recovery of an interrupted 1-hour recording (%.0f MB) | %.2f s | %d bytes lost |%n",
        recovered.getFirst().bytes() / 1e6, took, 3600L * second.length - recovered.getFirst().bytes());
    db.close();
  }

  private interface Opener {
    RecordingSink open(int i) throws IOException;
  }

  private record Result(String name, double wall, double cpu) {}

  /** Each recording gets a frame every 20 ms of its timeline, written as fast as the disk takes it. */
  private static Result writeRun(String name, int calls, int seconds, Opener opener, byte[] frame) throws Exception {
    long cpu0 = OS.getProcessCpuTime();
    long t0 = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
      List<Future<?>> jobs = new ArrayList<>();
      for (int c = 0; c < calls; c++) {
        int i = c;
        jobs.add(pool.submit(() -> {
          RecordingSink sink = opener.open(i);
          for (int f = 0; f < seconds * 50; f++) {
            sink.write(frame, 0, FRAME);
            if (f % 50 == 49) {
              sink.flush();
            }
          }
          sink.close();
          return null;
        }));
      }
      for (Future<?> j : jobs) {
        j.get();
      }
    }
    return new Result(name, (System.nanoTime() - t0) / 1e9, (OS.getProcessCpuTime() - cpu0) / 1e9);
  }

  private static RecordingSink clear(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new RecordingSink() {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }
}

package org.atalaya.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Forwarding delay through Atalaya from a kernel capture: tcpdump on loopback keeps only the
 * probe calls' packets (see {@link ToneFile}), both as they enter Atalaya from the customer's
 * sipp and as they leave towards the agent's side; the delay of a packet is the difference of
 * the two kernel timestamps. The capture's filter runs in the kernel, so the bulk calls' packets
 * cost it one BPF test each and are never copied.
 */
final class ProbeCapture implements AutoCloseable {
  private final Process tcpdump;
  private final Path file;

  private ProbeCapture(Process tcpdump, Path file) {
    this.tcpdump = tcpdump;
    this.file = file;
  }

  static ProbeCapture start(Path file) throws IOException, InterruptedException {
    Path log = file.resolveSibling(file.getFileName() + ".log");
    // udp[20:2]: the first payload bytes after the 8-byte UDP and 12-byte RTP headers.
    Process p = new ProcessBuilder("tcpdump", "-i", "lo", "-n", "-s", "64", "-B", "32768", "-Z", "root",
        "-w", file.toString(), String.format("udp and udp[20:2] = 0x%04x", ToneFile.MARK))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.readString(log).contains("listening on")) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IOException("tcpdump did not start: " + Files.readString(log));
      }
      Thread.sleep(50);
    }
    return new ProbeCapture(p, file);
  }

  /**
   * Stops the capture and returns the delays in milliseconds, sorted: packets sent to
   * {@code farPort} are those leaving Atalaya, all others those entering it.
   */
  double[] stopAndMeasure(int farPort) throws IOException, InterruptedException {
    close();
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
    if (b.remaining() < 24) {
      return new double[0];
    }
    int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
      b.order(ByteOrder.BIG_ENDIAN);
      magic = b.getInt(0);
    }
    double fraction = magic == 0xa1b23c4d ? 1e-9 : 1e-6;
    Map<Integer, ArrayDeque<Double>> entered = new HashMap<>();
    double[] delays = new double[1024];
    int n = 0;
    int pos = 24;
    while (pos + 16 <= b.limit()) {
      double t = b.getInt(pos) + (b.getInt(pos + 4) & 0xFFFFFFFFL) * fraction;
      int caplen = b.getInt(pos + 8);
      int ip = pos + 16 + 14;
      pos += 16 + caplen;
      if (caplen < 14 + 20 + 8 + 12 + 4 || (b.get(ip) >> 4) != 4) {
        continue;
      }
      int udp = ip + (b.get(ip) & 0x0F) * 4;
      int dstPort = be16(b, udp + 2); // headers are in network order, the pcap records in the host's
      int key = be16(b, udp + 8 + 12 + 2);
      if (dstPort != farPort) {
        entered.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(t);
        continue;
      }
      ArrayDeque<Double> q = entered.get(key);
      // The oldest entry of this frame number less than half a second old is this packet's:
      // probe calls start seconds apart, so two calls never send one number within that time.
      while (q != null && !q.isEmpty() && t - q.peekFirst() > 0.5) {
        q.pollFirst();
      }
      if (q == null || q.isEmpty() || q.peekFirst() > t) {
        continue;
      }
      if (n == delays.length) {
        delays = java.util.Arrays.copyOf(delays, n * 2);
      }
      delays[n++] = (t - q.pollFirst()) * 1000;
    }
    double[] out = java.util.Arrays.copyOf(delays, n);
    java.util.Arrays.sort(out);
    return out;
  }

  private static int be16(ByteBuffer b, int at) {
    return (b.get(at) & 0xFF) << 8 | (b.get(at + 1) & 0xFF);
  }

  @Override
  public void close() throws IOException {
    if (tcpdump.isAlive()) {
      tcpdump.destroy(); // SIGTERM: tcpdump flushes and closes the file
      try {
        tcpdump.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

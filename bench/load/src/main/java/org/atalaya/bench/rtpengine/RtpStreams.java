package org.atalaya.bench.rtpengine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.atalaya.bench.ToneFile;

/**
 * The far ends of N calls relayed by rtpengine: per call a caller A and a callee B, each one UDP
 * socket on 127.0.0.1 that sends and receives (symmetric RTP), streaming G.711 µ-law both ways,
 * 50 packets a second each (A a 440 Hz tone, B 1000 Hz).
 *
 * <p>One sender thread sends one packet from each endpoint every 20 ms, a tenth of the endpoints
 * every 2 ms; the first 8 payload bytes carry its {@link System#nanoTime()} just before the send,
 * which rtpengine relays verbatim (PCMU to PCMU, no transcoding), so the receiver gets the
 * forwarding delay without any table. One receiver thread selects over all sockets and counts
 * packets, losses (gaps in each stream's RTP timestamps) and delays, in a histogram (1 µs buckets
 * below 100 ms). Neither allocates per packet: the load generator must cost as little as possible
 * on the machine the relay runs on. (The JDK's epoll selector boxes each ready descriptor's number
 * to look its key up, 16 bytes per wake-up that this code cannot avoid.)
 *
 * <p>Endpoint {@code 2i} is call i's A, {@code 2i + 1} its B. The receiver's counters are read
 * with {@link #snapshot()}, which the receiver thread itself takes, so no counter is shared.
 *
 * <p>The delay is the sender's stamp to the receiver's read: it includes both peers' system
 * calls and the receiver's wake-up, not only rtpengine, and all of it competes for the same CPUs.
 */
public final class RtpStreams implements AutoCloseable {
  /**
   * Delay histogram: 1 µs buckets below 100 ms, then 1 ms buckets up to 10 s, then one bucket
   * for everything later (an overloaded run queues for seconds; its p99 should say how long).
   */
  private static final int FINE_MICROS = 100_000;
  private static final int COARSE_BUCKETS = 9_900;
  private static final int BUCKETS = FINE_MICROS + COARSE_BUCKETS + 1;

  private static final long PERIOD_NANOS = 20_000_000L;
  private static final int SAMPLES_PER_PACKET = 160;
  private static final int HEADER = 12;
  private static final int PACKET = HEADER + SAMPLES_PER_PACKET;
  private static final int FRAMES_PER_TONE = 50; // one second: 440 and 1000 Hz both fit whole cycles
  /**
   * The sender spreads each 20 ms tick's packets over this many slices (200 µs apart), so that
   * packets reach the relay about as evenly as those of independent phones (and sipp's many
   * rtp_stream threads, which drive Atalaya) do. One burst per tick would queue behind itself and
   * make the delay figures the burst's; bursts every 2 ms, as this had first, let the relay read
   * a hundred packets per wake-up at 1,000 calls, a batching that Atalaya's sipp-driven streams
   * never offer, and so made rtpengine's CPU per packet look lower than on a like-for-like load.
   */
  private static final int SLICES = 100;
  /** Missed ticks the sender catches up with back to back; beyond that, sends are skipped. */
  private static final int MAX_CATCH_UP_TICKS = 2;

  private static final byte[] TONE_A = ToneFile.tone(440, FRAMES_PER_TONE * SAMPLES_PER_PACKET);
  private static final byte[] TONE_B = ToneFile.tone(1000, FRAMES_PER_TONE * SAMPLES_PER_PACKET);

  private final int calls;
  private final DatagramChannel[] channels;
  private final int[] localPorts;
  private final int[] ssrc;
  private final int[] seq;
  private final int[] timestamp;
  private final int[] frame;
  private final String[] callIds;
  private final String runId = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 20);

  // receiver-thread state
  private final Selector selector;
  private final int[] lastTs;
  private final boolean[] seenTs;
  private final long[] histogram = new long[BUCKETS];
  private long received;
  private long lost;
  private long reordered;
  private long foreign; // not our RTP (RTCP, anything rtpengine might generate)
  private long receiveErrors;
  private volatile CompletableFuture<Snapshot> snapshotRequest;

  // sender-thread state, read by others
  private volatile long sent;
  private volatile long sendFailures;
  private volatile long skippedPackets;

  private volatile boolean running;
  private Thread sender;
  private Thread receiver;
  private boolean setUp;

  /** Opens and binds the 2N sockets (ephemeral ports on 127.0.0.1, 1 MiB receive buffers). */
  public RtpStreams(int calls) throws IOException {
    if (calls < 1) {
      throw new IllegalArgumentException("calls " + calls);
    }
    this.calls = calls;
    int n = 2 * calls;
    channels = new DatagramChannel[n];
    localPorts = new int[n];
    ssrc = new int[n];
    seq = new int[n];
    timestamp = new int[n];
    frame = new int[n];
    lastTs = new int[n];
    seenTs = new boolean[n];
    callIds = new String[calls];
    selector = Selector.open();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try {
      for (int i = 0; i < n; i++) {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        channels[i] = ch;
        ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ch.configureBlocking(false);
        localPorts[i] = ((InetSocketAddress) ch.getLocalAddress()).getPort();
        ssrc[i] = random.nextInt();
        seq[i] = random.nextInt(1 << 16);
        timestamp[i] = random.nextInt();
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  public int calls() {
    return calls;
  }

  /**
   * Sets each call up through rtpengine: offer with A's SDP, answer with B's; each side's socket
   * is then connected to the rtpengine port its SDP names, and sends only there.
   */
  public void setUp(NgClient ng) throws IOException {
    for (int c = 0; c < calls; c++) {
      int a = 2 * c;
      int b = a + 1;
      String callId = "bench-" + runId + "-" + c;
      String toB = ng.offer(callId, "A" + c, sdp(localPorts[a], ssrc[a]));
      callIds[c] = callId; // from here on the call exists in rtpengine and must be deleted
      String toA = ng.answer(callId, "A" + c, "B" + c, sdp(localPorts[b], ssrc[b]));
      channels[a].connect(mediaAddress(toA));
      channels[b].connect(mediaAddress(toB));
    }
    for (int i = 0; i < channels.length; i++) {
      channels[i].register(selector, SelectionKey.OP_READ, i);
    }
    setUp = true;
  }

  /** Deletes the calls that were set up; returns how many deletes failed (reported, not thrown). */
  public int delete(NgClient ng) {
    int failed = 0;
    for (int c = 0; c < calls; c++) {
      if (callIds[c] != null) {
        try {
          ng.delete(callIds[c], "A" + c);
        } catch (IOException e) {
          failed++;
        }
        callIds[c] = null;
      }
    }
    return failed;
  }

  /** Starts streaming. */
  public synchronized void start() {
    if (!setUp || running) {
      throw new IllegalStateException(setUp ? "already streaming" : "calls not set up");
    }
    running = true;
    receiver = Thread.ofPlatform().name("rtp-receiver").daemon().start(this::receiveLoop);
    sender = Thread.ofPlatform().name("rtp-sender").daemon().start(this::sendLoop);
  }

  /** Stops streaming and waits for both threads. */
  public synchronized void stop() throws InterruptedException {
    running = false;
    selector.wakeup();
    if (sender != null) {
      sender.join();
    }
    if (receiver != null) {
      receiver.join();
    }
    sender = null;
    receiver = null;
  }

  /** The counters now, taken on the receiver thread (or directly when it is not running). */
  public Snapshot snapshot() throws InterruptedException {
    Thread r = receiver;
    if (r == null || !r.isAlive()) {
      return takeSnapshot();
    }
    CompletableFuture<Snapshot> request = new CompletableFuture<>();
    snapshotRequest = request;
    selector.wakeup();
    try {
      return request.get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("receiver did not take a snapshot", e);
    }
  }

  private Snapshot takeSnapshot() {
    return new Snapshot(System.nanoTime(), sent, received, lost, reordered, foreign, receiveErrors, sendFailures,
        skippedPackets, histogram.clone());
  }

  // ---- sender

  private void sendLoop() {
    ByteBuffer buf = ByteBuffer.allocateDirect(PACKET);
    int n = channels.length;
    int slices = Math.min(SLICES, n);
    long slicePeriod = PERIOD_NANOS / slices;
    long maxBehind = (long) MAX_CATCH_UP_TICKS * slices;
    int slice = 0;
    long next = System.nanoTime();
    while (running) {
      long now = System.nanoTime();
      if (now < next) {
        LockSupport.parkNanos(next - now);
        continue;
      }
      long behind = (now - next) / slicePeriod;
      if (behind > maxBehind) {
        // Too far behind to catch up without a burst: skip the missed slices. Their streams' RTP
        // timestamps do not advance, so the receivers see late packets, not lost ones.
        long skipped = 0;
        for (long k = 0; k < behind; k++) {
          skipped += (long) (slice + 1) * n / slices - (long) slice * n / slices;
          slice = slice + 1 == slices ? 0 : slice + 1;
        }
        skippedPackets += skipped;
        next += behind * slicePeriod;
      }
      sendRange(buf, (int) ((long) slice * n / slices), (int) ((long) (slice + 1) * n / slices));
      slice = slice + 1 == slices ? 0 : slice + 1;
      next += slicePeriod;
    }
  }

  private void sendRange(ByteBuffer buf, int from, int to) {
    long ok = 0;
    long failed = 0;
    for (int i = from; i < to; i++) {
      byte[] tone = (i & 1) == 0 ? TONE_A : TONE_B;
      int f = frame[i];
      buf.clear();
      buf.put(0, (byte) 0x80); // V=2, no padding, extension or CSRC
      buf.put(1, (byte) 0); // no marker, PT 0 (PCMU)
      buf.putShort(2, (short) seq[i]);
      buf.putInt(4, timestamp[i]);
      buf.putInt(8, ssrc[i]);
      buf.put(HEADER + 8, tone, f * SAMPLES_PER_PACKET + 8, SAMPLES_PER_PACKET - 8);
      buf.putLong(HEADER, System.nanoTime());
      int written;
      try {
        written = channels[i].write(buf);
      } catch (IOException e) { // PortUnreachable (an ICMP from a closed port), mostly
        written = 0;
      }
      if (written == PACKET) {
        seq[i] = (seq[i] + 1) & 0xffff;
        timestamp[i] += SAMPLES_PER_PACKET;
        frame[i] = f + 1 == FRAMES_PER_TONE ? 0 : f + 1;
        ok++;
      } else {
        failed++; // the socket's send buffer is full: this packet was not sent and leaves no gap
      }
    }
    sent += ok;
    if (failed != 0) {
      sendFailures += failed;
    }
  }

  // ---- receiver

  private void receiveLoop() {
    ByteBuffer buf = ByteBuffer.allocateDirect(2048);
    Consumer<SelectionKey> onReadable = key -> drain(key, buf); // once: a capturing lambda is a new object
    try {
      while (running) {
        selector.select(onReadable, 20);
        CompletableFuture<Snapshot> request = snapshotRequest;
        if (request != null) {
          snapshotRequest = null;
          request.complete(takeSnapshot());
        }
      }
    } catch (IOException | RuntimeException e) {
      receiveErrors++;
      CompletableFuture<Snapshot> request = snapshotRequest;
      if (request != null) {
        request.completeExceptionally(e);
      }
      throw new IllegalStateException("receiver failed", e);
    }
  }

  private void drain(SelectionKey key, ByteBuffer buf) {
    int i = (Integer) key.attachment();
    DatagramChannel ch = channels[i];
    while (true) {
      buf.clear();
      int n;
      try {
        n = ch.read(buf);
      } catch (PortUnreachableException e) {
        receiveErrors++;
        continue;
      } catch (IOException e) {
        receiveErrors++;
        return;
      }
      if (n <= 0) {
        return;
      }
      long now = System.nanoTime();
      if (n != PACKET || (buf.get(0) & 0xc0) != 0x80 || (buf.get(1) & 0x7f) != 0) {
        foreign++;
        continue;
      }
      received++;
      int ts = buf.getInt(4);
      if (seenTs[i]) {
        int jump = ts - lastTs[i]; // wraps like RTP timestamps do
        if (jump > 0) {
          int frames = jump / SAMPLES_PER_PACKET - 1;
          if (frames > 0 && frames < 1000) {
            lost += frames;
          }
          lastTs[i] = ts;
        } else if (jump < 0 && jump > -1000 * SAMPLES_PER_PACKET) {
          // A packet overtaken by a later one (rtpengine's worker threads can swap two packets
          // of a stream when the sender catches up and sends them back to back): it was counted
          // lost when the later one came, it is not.
          lost--;
          reordered++;
        }
      } else {
        seenTs[i] = true;
        lastTs[i] = ts;
      }
      histogram[bucket((now - buf.getLong(HEADER)) / 1000)]++;
    }
  }

  private static int bucket(long micros) {
    if (micros < FINE_MICROS) {
      return micros < 0 ? 0 : (int) micros;
    }
    return (int) Math.min(BUCKETS - 1, FINE_MICROS + (micros - FINE_MICROS) / 1000);
  }

  /** The middle of a bucket, in microseconds (the last bucket: its lower bound). */
  private static double bucketMicros(int bucket) {
    if (bucket < FINE_MICROS) {
      return bucket + 0.5;
    }
    double lower = FINE_MICROS + (bucket - FINE_MICROS) * 1000.0;
    return bucket == BUCKETS - 1 ? lower : lower + 500;
  }

  @Override
  public void close() {
    running = false;
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (DatagramChannel ch : channels) {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
  }

  // ---- SDP

  private String sdp(int port, int session) {
    return "v=0\r\n"
        + "o=- " + (session & 0xffffffffL) + " 1 IN IP4 127.0.0.1\r\n"
        + "s=atalaya-bench\r\n"
        + "c=IN IP4 127.0.0.1\r\n"
        + "t=0 0\r\n"
        + "m=audio " + port + " RTP/AVP 0 101\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\n"
        + "a=fmtp:101 0-16\r\n"
        + "a=ptime:20\r\n"
        + "a=sendrecv\r\n";
  }

  /** The audio address of an SDP: the {@code m=audio} port at the media's (or the session's) {@code c=}. */
  static InetSocketAddress mediaAddress(String sdp) throws IOException {
    String sessionC = null;
    String mediaC = null;
    int port = -1;
    boolean inAudio = false;
    for (String line : sdp.split("\r?\n")) {
      if (line.startsWith("m=")) {
        if (port >= 0) {
          break; // the first audio stream is ours
        }
        inAudio = line.startsWith("m=audio ");
        if (inAudio) {
          port = Integer.parseInt(line.substring(8, line.indexOf(' ', 8)));
        }
      } else if (line.startsWith("c=")) {
        String[] f = line.substring(2).trim().split(" ");
        if (f.length < 3 || !"IP4".equals(f[1])) {
          throw new IOException("not an IPv4 connection line: " + line);
        }
        if (inAudio) {
          mediaC = f[2];
        } else if (port < 0) {
          sessionC = f[2];
        }
      }
    }
    String host = mediaC != null ? mediaC : sessionC;
    if (port <= 0 || host == null) {
      throw new IOException("no audio address in the SDP from rtpengine:\n" + sdp);
    }
    return new InetSocketAddress(InetAddress.getByName(host), port);
  }

  /**
   * Counters since the streams were created.
   *
   * @param nanos when the snapshot was taken ({@link System#nanoTime()})
   * @param sent packets the peers sent to rtpengine
   * @param received our RTP packets the peers got back from rtpengine
   * @param lost packets missing in the received streams (RTP timestamp gaps not filled later)
   * @param reordered packets that arrived after a later one of their stream
   * @param foreign datagrams received that were not our RTP
   * @param receiveErrors errors reading the sockets
   * @param sendFailures packets the sender could not send (socket buffer full, ICMP errors)
   * @param skippedPackets packets the sender skipped because it was more than two ticks late
   * @param histogram delay counts: one bucket per microsecond below 100 ms, one per millisecond
   *     up to 10 s, the last for 10 s and above
   */
  public record Snapshot(long nanos, long sent, long received, long lost, long reordered, long foreign,
      long receiveErrors, long sendFailures, long skippedPackets, long[] histogram) {

    /** The change from {@code earlier} to this one (the histogram too). */
    public Snapshot since(Snapshot earlier) {
      long[] h = histogram.clone();
      for (int i = 0; i < h.length; i++) {
        h[i] -= earlier.histogram[i];
      }
      return new Snapshot(nanos - earlier.nanos, sent - earlier.sent, received - earlier.received,
          lost - earlier.lost, reordered - earlier.reordered, foreign - earlier.foreign,
          receiveErrors - earlier.receiveErrors, sendFailures - earlier.sendFailures,
          skippedPackets - earlier.skippedPackets, h);
    }

    /** Delay samples in the histogram. */
    public long delaySamples() {
      long n = 0;
      for (long c : histogram) {
        n += c;
      }
      return n;
    }

    /**
     * A delay percentile (0..100) in milliseconds, nearest rank, each sample at the middle of its
     * bucket (the overflow bucket reads as its lower bound, 10 s).
     */
    public double delayPercentileMs(double p) {
      long n = delaySamples();
      if (n == 0) {
        return Double.NaN;
      }
      long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
      long seen = 0;
      for (int b = 0; b < histogram.length; b++) {
        seen += histogram[b];
        if (seen >= rank) {
          return bucketMicros(b) / 1000.0;
        }
      }
      return bucketMicros(histogram.length - 1) / 1000.0;
    }
  }
}

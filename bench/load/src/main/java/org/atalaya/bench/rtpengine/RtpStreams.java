package org.atalaya.bench.rtpengine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The far ends of N calls relayed by rtpengine: per call a caller A and a callee B, each one UDP
 * socket on 127.0.0.1 that sends and receives (symmetric RTP), streaming G.711 µ-law both ways,
 * 50 packets a second each (A a 440 Hz tone, B 1000 Hz).
 *
 * <p>One sender thread ({@link RtpSender}) sends one packet from each endpoint every 20 ms, spread
 * over the period in slices 200 µs apart; the first 8 payload bytes carry its {@link
 * System#nanoTime()} just before the send, which rtpengine relays verbatim (PCMU to PCMU, no
 * transcoding), so the receiver gets the forwarding delay without any table. One receiver thread
 * ({@link RtpReceiver}) selects over all sockets and counts packets, losses (gaps in each stream's
 * RTP timestamps) and delays, in a histogram (1 µs buckets below 100 ms). Neither allocates per
 * packet: the load generator must cost as little as possible on the machine the relay runs on.
 * (The JDK's epoll selector boxes each ready descriptor's number to look its key up, 16 bytes per
 * wake-up that this code cannot avoid.)
 *
 * <p>Losses are counted by {@link org.atalaya.bench.TimestampGaps}, as Atalaya's side of the bench
 * counts them, so the two relays' figures compare: a packet that comes after a later one of its
 * stream is reordered, not lost (it takes back the loss its gap counted).
 *
 * <p>Endpoint {@code 2i} is call i's A, {@code 2i + 1} its B. The receiver's counters are read
 * with {@link #snapshot()}, which the receiver thread itself takes, so no counter is shared
 * between threads.
 *
 * <p>The delay is the sender's stamp to the receiver's read: it includes both peers' system
 * calls and the receiver's wake-up, not only rtpengine, and all of it competes for the same CPUs.
 */
public final class RtpStreams implements AutoCloseable {
  private final int calls;
  private final DatagramChannel[] channels;
  private final int[] localPorts;
  private final int[] ssrc;
  private final String[] callIds;
  private final String runId = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 20);
  private final Selector selector;
  private final RtpSender sender;
  private final RtpReceiver receiver;

  private volatile boolean running;
  private Thread senderThread;
  private Thread receiverThread;
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
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    sender = new RtpSender(channels, ssrc, () -> running);
    receiver = new RtpReceiver(selector, channels, sender, () -> running);
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
      String toB = ng.offer(callId, "A" + c, Sdp.audio(localPorts[a], ssrc[a]));
      callIds[c] = callId; // from here on the call exists in rtpengine and must be deleted
      String toA = ng.answer(callId, "A" + c, "B" + c, Sdp.audio(localPorts[b], ssrc[b]));
      channels[a].connect(Sdp.mediaAddress(toA));
      channels[b].connect(Sdp.mediaAddress(toB));
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
    receiverThread = Thread.ofPlatform().name("rtp-receiver").daemon().start(receiver::receiveLoop);
    senderThread = Thread.ofPlatform().name("rtp-sender").daemon().start(sender::sendLoop);
  }

  /** Stops streaming and waits for both threads. */
  public synchronized void stop() throws InterruptedException {
    running = false;
    selector.wakeup();
    if (senderThread != null) {
      senderThread.join();
    }
    if (receiverThread != null) {
      receiverThread.join();
    }
    senderThread = null;
    receiverThread = null;
  }

  /** The counters now, taken on the receiver thread (or directly when it is not running). */
  public Snapshot snapshot() throws InterruptedException {
    Thread r = receiverThread;
    if (r == null || !r.isAlive()) {
      return receiver.takeSnapshot();
    }
    return receiver.requestSnapshot();
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
      return DelayHistogram.samples(histogram);
    }

    /**
     * A delay percentile (0..100) in milliseconds, nearest rank, each sample at the middle of its
     * bucket (the overflow bucket reads as its lower bound, 10 s).
     */
    public double delayPercentileMs(double p) {
      return DelayHistogram.percentileMicros(histogram, p) / 1000.0;
    }
  }
}

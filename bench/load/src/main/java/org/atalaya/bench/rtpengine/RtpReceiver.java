package org.atalaya.bench.rtpengine;

import static org.atalaya.bench.rtpengine.RtpSender.HEADER;
import static org.atalaya.bench.rtpengine.RtpSender.PACKET;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.atalaya.bench.TimestampGaps;
import org.atalaya.bench.rtpengine.RtpStreams.Snapshot;

/**
 * The receiving side of {@link RtpStreams}: one thread selects over all the endpoints' sockets
 * (registered with the selector, each with its endpoint index attached) and counts packets,
 * losses and delays. Losses are gaps in each stream's RTP timestamps, counted by the {@link
 * TimestampGaps} that Atalaya's side of the bench uses too: a packet that comes after a later one
 * of its stream counts as reordered and takes back the loss its gap counted. It allocates nothing
 * per packet.
 *
 * <p>All its state is the receiver thread's: even snapshots are taken by that thread, which
 * {@link #requestSnapshot()} asks for one, so no counter is shared between threads.
 */
final class RtpReceiver {
  private final Selector selector;
  private final DatagramChannel[] channels;
  private final RtpSender sender;
  private final BooleanSupplier running;

  // receiver-thread state
  private final TimestampGaps gaps; // by endpoint index
  private final DelayHistogram histogram = new DelayHistogram();
  private long received;
  private long foreign; // not our RTP (RTCP, anything rtpengine might generate)
  private long receiveErrors;
  private volatile CompletableFuture<Snapshot> snapshotRequest;

  /** Reads what {@code selector} finds readable while {@code running}; snapshots add {@code sender}'s counters. */
  RtpReceiver(Selector selector, DatagramChannel[] channels, RtpSender sender, BooleanSupplier running) {
    this.selector = selector;
    this.channels = channels;
    this.sender = sender;
    this.running = running;
    gaps = new TimestampGaps(channels.length);
  }

  /** Asks the running receiver thread for a snapshot and waits for it. */
  Snapshot requestSnapshot() throws InterruptedException {
    CompletableFuture<Snapshot> request = new CompletableFuture<>();
    snapshotRequest = request;
    selector.wakeup();
    try {
      return request.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("receiver did not take a snapshot", e);
    }
  }

  /** The counters now: on the receiver thread, or on any thread once it has stopped. */
  Snapshot takeSnapshot() {
    return new Snapshot(System.nanoTime(), sender.sent(), received, gaps.lost(), gaps.reordered(), foreign,
        receiveErrors, sender.sendFailures(), sender.skippedPackets(), histogram.copy());
  }

  /** The receiver thread's body: reads until {@code running} turns false, taking snapshots asked for. */
  void receiveLoop() {
    ByteBuffer buf = ByteBuffer.allocateDirect(2048);
    Consumer<SelectionKey> onReadable = key -> drain(key, buf); // once: a capturing lambda is a new object
    try {
      while (running.getAsBoolean()) {
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
      // A packet overtaken by a later one (rtpengine's worker threads can swap two packets of a
      // stream when the sender catches up and sends them back to back) was counted lost when the
      // later one came; it is not: the counter takes that loss back and counts it reordered.
      gaps.packet(i, buf.getInt(4));
      histogram.add((now - buf.getLong(HEADER)) / 1000);
    }
  }
}

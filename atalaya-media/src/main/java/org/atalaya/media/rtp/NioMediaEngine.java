package org.atalaya.media.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.atalaya.media.Bridge;
import org.atalaya.media.EndpointCounters;
import org.atalaya.media.MediaConfig;
import org.atalaya.media.MediaEngine;
import org.atalaya.media.RtpEndpoint;

/**
 * The RTP engine on java.nio: a few {@link MediaLoop} threads, each owning the endpoints of the
 * calls pinned to it.
 *
 * <p>Threading: all methods may be called from any thread.
 */
public final class NioMediaEngine implements MediaEngine {
  private final MediaConfig config;
  private final MediaLoop[] loops;
  private final PortAllocator ports;
  private final AtomicInteger open = new AtomicInteger();
  private final java.util.Set<NioRtpEndpoint> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final long[] retired = new long[9]; // guarded by itself: sums of closed endpoints' counters

  public NioMediaEngine(MediaConfig config) {
    this.config = config;
    int n = config.loops() == 0 ? Runtime.getRuntime().availableProcessors() : config.loops();
    this.loops = new MediaLoop[n];
    for (int i = 0; i < n; i++) {
      loops[i] = new MediaLoop("atalaya-media-" + i);
    }
    this.ports = new PortAllocator(config.bindAddress(), config.portMin(), config.portMax());
  }

  @Override
  public RtpEndpoint open(Object affinity) throws IOException {
    MediaLoop loop = loops[Math.floorMod(System.identityHashCode(affinity), loops.length)];
    DatagramChannel channel = ports.open();
    int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    InetSocketAddress advertised = new InetSocketAddress(config.advertisedAddress(), port);
    // The channel must be registered on the loop thread: register() blocks while select() runs.
    CompletableFuture<NioRtpEndpoint> created = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        NioRtpEndpoint e = new NioRtpEndpoint(this, loop, channel, advertised);
        loop.endpoints.add(e);
        created.complete(e);
      } catch (IOException | RuntimeException ex) {
        created.completeExceptionally(ex);
      }
    });
    try {
      NioRtpEndpoint e = created.get();
      open.incrementAndGet();
      live.add(e);
      return e;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      channel.close();
      ports.release(port);
      throw new IOException("interrupted while opening an RTP port", ex);
    } catch (ExecutionException ex) {
      channel.close();
      ports.release(port);
      throw new IOException("cannot open RTP port " + port, ex.getCause());
    }
  }

  @Override
  public Bridge bridge(RtpEndpoint left, RtpEndpoint right) {
    if (!(left instanceof NioRtpEndpoint l) || !(right instanceof NioRtpEndpoint r)) {
      throw new IllegalArgumentException("endpoints of another engine");
    }
    if (l.loop != r.loop) {
      throw new IllegalArgumentException("endpoints of different media loops: open them with the same affinity");
    }
    return new NioBridge(l, r);
  }

  void released(NioRtpEndpoint endpoint) {
    ports.release(endpoint.port());
    open.decrementAndGet();
    if (live.remove(endpoint)) {
      EndpointCounters c = endpoint.counters();
      synchronized (retired) {
        add(retired, c);
      }
    }
  }

  @Override
  public EndpointCounters totals() {
    long[] sum;
    synchronized (retired) {
      sum = retired.clone();
    }
    for (NioRtpEndpoint e : live) {
      add(sum, e.counters());
    }
    return new EndpointCounters(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7], sum[8]);
  }

  private static void add(long[] sum, EndpointCounters c) {
    sum[0] += c.packetsIn();
    sum[1] += c.bytesIn();
    sum[2] += c.packetsOut();
    sum[3] += c.bytesOut();
    sum[4] += c.lost();
    sum[5] += c.late();
    sum[6] += c.dropped();
    sum[7] += c.dtmfEvents();
    sum[8] += c.inbandDtmfEvents();
  }

  @Override
  public int openEndpoints() {
    return open.get();
  }

  @Override
  public void close() {
    for (MediaLoop loop : loops) {
      loop.shutdown();
    }
  }
}

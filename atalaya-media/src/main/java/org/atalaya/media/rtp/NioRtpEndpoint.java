package org.atalaya.media.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.ThreadLocalRandom;
import org.atalaya.media.Codec;
import org.atalaya.media.DtmfListener;
import org.atalaya.media.EndpointCounters;
import org.atalaya.media.RemoteMedia;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.media.audio.G711;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An anchored RTP port: receives a party's packets, relays them to the bridged peer (transcoding
 * G.711 when the legs' codecs differ), feeds the recorder's jitter buffer, hands what carries
 * digits to its {@link DtmfReceiver} and plays prompts.
 *
 * <p>Threading: the public methods hand work to the owning {@link MediaLoop}; packet handling,
 * ticks and all mutable state belong to that loop's thread. Counters are volatile so snapshots
 * from other threads see recent values.
 */
final class NioRtpEndpoint implements RtpEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(NioRtpEndpoint.class);

  private final NioMediaEngine engine;
  final MediaLoop loop;
  private final DatagramChannel channel;
  private final InetSocketAddress local;
  private final SelectionKey key;
  private final DtmfReceiver dtmf = new DtmfReceiver();
  private volatile RemoteMedia remote;
  private volatile boolean closed;

  // Loop-confined.
  NioRtpEndpoint peer;
  final JitterBuffer jitter = new JitterBuffer();
  private final long ssrc = ThreadLocalRandom.current().nextLong(1L << 32);
  private int outSeq = ThreadLocalRandom.current().nextInt(1 << 16);
  private long outTs = ThreadLocalRandom.current().nextLong(1L << 32);
  private long relaySsrc = -1;
  private long tsOffset;
  private boolean markNext = true;
  private short[] prompt;
  private int promptPos;
  private Runnable promptDone;
  private int lastSeq = -1;
  private boolean mixed; // this leg hears a per-tick mix from its bridge instead of the relay

  private volatile long packetsIn;
  private volatile long bytesIn;
  private volatile long packetsOut;
  private volatile long bytesOut;
  private volatile long lost;
  private volatile long dropped;

  NioRtpEndpoint(NioMediaEngine engine, MediaLoop loop, DatagramChannel channel, InetSocketAddress advertised)
      throws IOException {
    this.engine = engine;
    this.loop = loop;
    this.channel = channel;
    this.local = advertised;
    // Registering blocks while the selector is in select(); the loop is woken by the caller's task.
    this.key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
  }

  @Override
  public InetSocketAddress localAddress() {
    return local;
  }

  @Override
  public void configure(RemoteMedia remote) {
    this.remote = remote;
  }

  @Override
  public RemoteMedia remote() {
    return remote;
  }

  @Override
  public void onDtmf(DtmfListener listener) {
    dtmf.listener = listener;
  }

  @Override
  public void detectInbandDtmf(boolean on) {
    dtmf.detectInband = on;
  }

  @Override
  public void play(short[] pcm8k, Runnable onDone) {
    loop.execute(() -> {
      finishPrompt();
      prompt = pcm8k;
      promptPos = 0;
      promptDone = onDone;
      markNext = true;
    });
  }

  @Override
  public void stopPlaying() {
    loop.execute(this::finishPrompt);
  }

  @Override
  public EndpointCounters counters() {
    return new EndpointCounters(packetsIn, bytesIn, packetsOut, bytesOut, lost, jitter.late, dropped, dtmf.events,
        dtmf.inbandEvents);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    loop.execute(this::closeOnLoop);
  }

  void closeOnLoop() {
    if (closed) {
      return;
    }
    closed = true;
    finishPrompt();
    if (peer != null) {
      peer.peer = null;
      peer = null;
    }
    loop.endpoints.remove(this);
    key.cancel();
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("close", e);
    }
    engine.released(this);
  }

  boolean isMixed() {
    return mixed;
  }

  boolean isClosed() {
    return closed;
  }

  int port() {
    return local.getPort();
  }

  /** Drains every datagram waiting on the socket. */
  void receiveAll() throws IOException {
    byte[] p = loop.receiveBytes;
    while (true) {
      loop.receiveBuffer.clear();
      if (channel.receive(loop.receiveBuffer) == null) {
        return;
      }
      onPacket(p, loop.receiveBuffer.position());
    }
  }

  private void onPacket(byte[] p, int length) {
    RemoteMedia r = remote;
    int offset = Rtp.payloadOffset(p, length);
    if (r == null || offset < 0) {
      dropped++;
      return;
    }
    int end = Rtp.payloadEnd(p, length);
    if (end < offset) {
      dropped++;
      return;
    }
    packetsIn++;
    bytesIn += end - offset;
    int pt = Rtp.payloadType(p);
    int seq = Rtp.sequence(p);
    if (lastSeq >= 0) {
      int gap = (seq - lastSeq) & 0xFFFF;
      if (gap > 1 && gap < 3000) {
        lost += gap - 1;
      }
    }
    lastSeq = seq;
    Codec codec = pt == Codec.PCMU.payloadType() ? Codec.PCMU : pt == Codec.PCMA.payloadType() ? Codec.PCMA : null;
    if (codec != null) {
      jitter.put(Rtp.ssrc(p), Rtp.timestamp(p), codec, p, offset, end - offset, loop.wallTick(), loop.tick);
      dtmf.onAudio(p, offset, end, codec);
      if (peer != null) {
        peer.relayAudio(p, offset, end, codec);
      }
    } else if (pt == r.telephoneEventPt() && end - offset >= 4) {
      dtmf.onEvent(p, offset);
      if (peer != null) {
        peer.relayEvent(p, offset, end);
      }
    } else {
      dropped++;
    }
  }

  /** Sends the peer's audio to this endpoint's remote, in this leg's codec. */
  private void relayAudio(byte[] in, int offset, int end, Codec inCodec) {
    RemoteMedia r = remote;
    if (r == null || prompt != null || mixed || !r.direction().remoteReceives()) {
      return;
    }
    long ts = mapTimestamp(in);
    byte[] out = loop.sendBytes;
    Rtp.writeHeader(out, markNext || Rtp.marker(in), r.codec().payloadType(), outSeq, ts, ssrc);
    int n = end - offset;
    if (inCodec == r.codec()) {
      System.arraycopy(in, offset, out, Rtp.HEADER, n);
    } else if (inCodec == Codec.PCMU) {
      for (int i = 0; i < n; i++) {
        out[Rtp.HEADER + i] = G711.ulawToAlaw(in[offset + i]);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[Rtp.HEADER + i] = G711.alawToUlaw(in[offset + i]);
      }
    }
    send(out, Rtp.HEADER + n, r);
  }

  private void relayEvent(byte[] in, int offset, int end) {
    RemoteMedia r = remote;
    if (r == null || r.telephoneEventPt() < 0 || prompt != null || !r.direction().remoteReceives()) {
      return;
    }
    long ts = mapTimestamp(in);
    byte[] out = loop.sendBytes;
    Rtp.writeHeader(out, Rtp.marker(in), r.telephoneEventPt(), outSeq, ts, ssrc);
    System.arraycopy(in, offset, out, Rtp.HEADER, end - offset);
    send(out, Rtp.HEADER + end - offset, r);
  }

  /** Our timestamp for a relayed packet: the source's spacing, continuous across changes. */
  private long mapTimestamp(byte[] in) {
    long inSsrc = Rtp.ssrc(in);
    long inTs = Rtp.timestamp(in);
    if (inSsrc != relaySsrc || markNext) {
      relaySsrc = inSsrc;
      tsOffset = (outTs + 160 - inTs) & 0xFFFFFFFFL;
    }
    return (inTs + tsOffset) & 0xFFFFFFFFL;
  }

  private void send(byte[] out, int length, RemoteMedia r) {
    outTs = Rtp.timestamp(out);
    outSeq = (outSeq + 1) & 0xFFFF;
    markNext = false;
    loop.sendBuffer.clear().limit(length);
    try {
      channel.send(loop.sendBuffer, r.address());
      packetsOut++;
      bytesOut += length - Rtp.HEADER;
    } catch (IOException e) {
      dropped++;
    }
  }

  /**
   * Switches between the packet relay and per-tick mixed frames. The first packet after a
   * switch carries the marker bit and restarts the timestamp mapping, so the receiver sees one
   * continuous stream.
   */
  void setMixed(boolean value) {
    if (mixed != value) {
      mixed = value;
      markNext = true;
    }
  }

  /**
   * Sends one 20 ms frame of linear PCM in this leg's codec (a mix); false when nothing was
   * sent (no remote yet, on hold, a prompt playing).
   */
  boolean sendFrame(short[] pcm) {
    RemoteMedia r = remote;
    if (r == null || prompt != null || closed || !r.direction().remoteReceives()) {
      return false;
    }
    byte[] out = loop.sendBytes;
    long ts = (outTs + 160) & 0xFFFFFFFFL;
    Rtp.writeHeader(out, markNext, r.codec().payloadType(), outSeq, ts, ssrc);
    encode(pcm, 0, r.codec(), out);
    send(out, Rtp.HEADER + 160, r);
    return true;
  }

  private static void encode(short[] pcm, int from, Codec codec, byte[] out) {
    for (int i = 0; i < 160; i++) {
      short s = from + i < pcm.length ? pcm[from + i] : 0;
      out[Rtp.HEADER + i] = codec == Codec.PCMU ? G711.linearToUlaw(s) : G711.linearToAlaw(s);
    }
  }

  /** Every 20 ms: the DTMF receiver's clock, and the next prompt frame if one is playing. */
  void onTick() {
    dtmf.onTick();
    if (prompt == null) {
      return;
    }
    RemoteMedia r = remote;
    if (r != null && r.direction().remoteReceives()) {
      byte[] out = loop.sendBytes;
      long ts = (outTs + 160) & 0xFFFFFFFFL;
      Rtp.writeHeader(out, markNext, r.codec().payloadType(), outSeq, ts, ssrc);
      encode(prompt, promptPos, r.codec(), out);
      send(out, Rtp.HEADER + 160, r);
    }
    promptPos += 160;
    if (promptPos >= prompt.length) {
      finishPrompt();
    }
  }

  private void finishPrompt() {
    if (prompt == null) {
      return;
    }
    prompt = null;
    markNext = true;
    Runnable done = promptDone;
    promptDone = null;
    if (done != null) {
      try {
        done.run();
      } catch (RuntimeException e) {
        LOG.warn("prompt completion failed", e);
      }
    }
  }
}

package org.atalaya.app.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.atalaya.media.audio.G711;

/**
 * One demo call's RTP: loops a clip as G.711 in 20 ms packets and counts what comes back.
 *
 * <p>Threading: the socket is bound by the constructor (on the signaling thread, so its port can
 * go into SDP). {@link #start} launches one virtual thread that sends, paced by absolute deadlines
 * so the rate does not drift, and one that receives. {@link #close} may be called from any thread,
 * any number of times; closing the channel ends both threads. Counters are atomics.
 */
final class RtpStream implements AutoCloseable {
  private static final int SAMPLES_PER_PACKET = 160; // 20 ms at 8 kHz
  private static final long PACKET_NANOS = 20_000_000L;

  private final DatagramChannel channel;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private volatile boolean closed;
  private volatile SocketAddress remote;
  private volatile int payloadType = Sdp.PCMU;
  private Thread sender;
  private Thread receiver;

  RtpStream(String localHost) throws IOException {
    channel = DatagramChannel.open();
    channel.bind(new InetSocketAddress(localHost, 0));
  }

  int localPort() {
    try {
      return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new IllegalStateException("RTP socket closed", e);
    }
  }

  /** Points the stream at (possibly new) remote media, e.g. after a re-INVITE. */
  void retarget(Sdp remoteSdp) {
    remote = remoteSdp.address();
    payloadType = remoteSdp.audioPayloadType().orElse(Sdp.PCMU);
  }

  /** Starts sending {@code audio} (8 kHz mono, looped) to the remote set by {@link #retarget}. */
  synchronized void start(short[] audio, String name) {
    if (sender != null || closed) {
      return;
    }
    short[] pcm = audio.length >= SAMPLES_PER_PACKET ? audio : new short[SAMPLES_PER_PACKET];
    sender = Thread.ofVirtual().name("rtp-send-" + name).start(() -> send(pcm));
    receiver = Thread.ofVirtual().name("rtp-recv-" + name).start(this::receive);
  }

  long packetsSent() {
    return sent.get();
  }

  long packetsReceived() {
    return received.get();
  }

  private void send(short[] pcm) {
    ByteBuffer packet = ByteBuffer.allocate(12 + SAMPLES_PER_PACKET);
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    int ssrc = rnd.nextInt();
    int seq = rnd.nextInt(0x10000);
    int timestamp = rnd.nextInt();
    int offset = 0;
    long deadline = System.nanoTime();
    boolean first = true;
    while (!closed) {
      SocketAddress to = remote;
      int pt = payloadType;
      packet.clear();
      packet.put((byte) 0x80); // version 2, no padding, no extension, no CSRC
      packet.put((byte) ((first ? 0x80 : 0) | pt));
      packet.putShort((short) seq).putInt(timestamp).putInt(ssrc);
      for (int i = 0; i < SAMPLES_PER_PACKET; i++) {
        short s = pcm[offset];
        packet.put(pt == Sdp.PCMA ? G711.linearToAlaw(s) : G711.linearToUlaw(s));
        offset = offset + 1 == pcm.length ? 0 : offset + 1;
      }
      packet.flip();
      if (to != null) {
        try {
          channel.send(packet, to);
          sent.incrementAndGet();
          first = false;
        } catch (ClosedChannelException e) {
          return;
        } catch (IOException e) {
          // ICMP port unreachable and the like: the peer may not be listening yet; keep the clock.
        }
      }
      seq = (seq + 1) & 0xffff;
      timestamp += SAMPLES_PER_PACKET;
      deadline += PACKET_NANOS;
      long wait = deadline - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      } else if (wait < -10 * PACKET_NANOS) {
        deadline = System.nanoTime(); // far behind (suspended host): resync instead of bursting
      }
    }
  }

  private void receive() {
    ByteBuffer buf = ByteBuffer.allocate(2048);
    while (!closed) {
      try {
        buf.clear();
        channel.receive(buf);
        if (buf.position() >= 12 && (buf.get(0) & 0xc0) == 0x80) {
          received.incrementAndGet();
        }
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to release
    }
    Thread s;
    synchronized (this) {
      s = sender;
    }
    if (s != null) {
      LockSupport.unpark(s);
    }
  }
}

package org.atalaya.media.rtp;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.atalaya.media.Codec;
import org.atalaya.media.audio.G711;

/** A far party: sends a tone in its codec and decodes what it receives. */
final class LoopbackParty implements AutoCloseable {
  private static final InetAddress LO = InetAddress.getLoopbackAddress();
  final DatagramChannel ch;
  final Codec codec;
  final double freq;
  final List<Integer> payloadTypes = new CopyOnWriteArrayList<>();
  final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
  final Thread reader;

  LoopbackParty(Codec codec, double freq) throws Exception {
    this.codec = codec;
    this.freq = freq;
    ch = DatagramChannel.open();
    ch.bind(new InetSocketAddress(LO, 0));
    reader = Thread.ofVirtual().start(() -> {
      ByteBuffer buf = ByteBuffer.allocate(2048);
      try {
        while (true) {
          buf.clear();
          ch.receive(buf);
          byte[] p = buf.array();
          int pt = p[1] & 0x7f;
          payloadTypes.add(pt);
          synchronized (pcm) {
            for (int i = 12; i < buf.position(); i++) {
              short s = pt == 0 ? G711.ulawToLinear(p[i]) : G711.alawToLinear(p[i]);
              pcm.write(s & 0xff);
              pcm.write((s >> 8) & 0xff);
            }
          }
        }
      } catch (Exception closed) {
        // done
      }
    });
  }

  InetSocketAddress address() throws Exception {
    return (InetSocketAddress) ch.getLocalAddress();
  }

  void sendFrame(InetSocketAddress to, int i) throws Exception {
    byte[] p = new byte[172];
    Rtp.writeHeader(p, i == 0, codec.payloadType(), 1000 + i, 5000 + 160L * i, 0x1234);
    for (int k = 0; k < 160; k++) {
      short s = (short) (8000 * Math.sin(2 * Math.PI * freq * (i * 160 + k) / 8000.0));
      p[12 + k] = codec == Codec.PCMU ? G711.linearToUlaw(s) : G711.linearToAlaw(s);
    }
    ch.send(ByteBuffer.wrap(p), to);
  }

  /** Forgets what was heard so far (the start of a new phase of a test). */
  void clear() {
    synchronized (pcm) {
      pcm.reset();
    }
  }

  short[] heard() {
    byte[] b;
    synchronized (pcm) {
      b = pcm.toByteArray();
    }
    short[] out = new short[b.length / 2];
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
    return out;
  }

  @Override
  public void close() throws Exception {
    ch.close();
  }
}


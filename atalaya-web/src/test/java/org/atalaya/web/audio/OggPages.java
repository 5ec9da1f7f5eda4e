package org.atalaya.web.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal Ogg reader for tests: splits a stream into pages, checks each page's framing and CRC, and reassembles
 * packets. Its CRC is a bit-by-bit implementation, independent of the writer's table, so a wrong table fails.
 */
record OggPages(List<Page> pages) {
  static final int CONTINUED = 0x01;
  static final int BOS = 0x02;
  static final int EOS = 0x04;

  /** One page: its header fields and the packets that end on it (a continued packet is attributed to its end). */
  record Page(int flags, long granule, int serial, int sequence, List<byte[]> packets) {}

  static OggPages parse(byte[] ogg) {
    ByteBuffer b = ByteBuffer.wrap(ogg).order(ByteOrder.LITTLE_ENDIAN);
    List<Page> pages = new ArrayList<>();
    byte[] partial = new byte[0];
    while (b.hasRemaining()) {
      int start = b.position();
      byte[] capture = new byte[4];
      b.get(capture);
      if (!Arrays.equals(capture, new byte[] {'O', 'g', 'g', 'S'})) {
        throw new IllegalStateException("no capture pattern at " + start);
      }
      if (b.get() != 0) {
        throw new IllegalStateException("stream structure version is not 0 at " + start);
      }
      int flags = b.get() & 0xff;
      long granule = b.getLong();
      int serial = b.getInt();
      int sequence = b.getInt();
      int crc = b.getInt();
      int segments = b.get() & 0xff;
      int[] lacing = new int[segments];
      int bodyLength = 0;
      for (int i = 0; i < segments; i++) {
        lacing[i] = b.get() & 0xff;
        bodyLength += lacing[i];
      }
      int end = b.position() + bodyLength;
      byte[] page = Arrays.copyOfRange(ogg, start, end);
      Arrays.fill(page, 22, 26, (byte) 0);
      if (crc(page) != crc) {
        throw new IllegalStateException("bad CRC on page " + sequence);
      }
      if ((flags & CONTINUED) == 0 && partial.length > 0) {
        throw new IllegalStateException("page " + sequence + " drops an unfinished packet");
      }
      List<byte[]> packets = new ArrayList<>();
      for (int l : lacing) {
        byte[] piece = new byte[l];
        b.get(piece);
        partial = concat(partial, piece);
        if (l < 255) {
          packets.add(partial);
          partial = new byte[0];
        }
      }
      pages.add(new Page(flags, granule, serial, sequence, packets));
    }
    if (partial.length > 0) {
      throw new IllegalStateException("stream ends inside a packet");
    }
    return new OggPages(pages);
  }

  /** All packets after the two header packets, in order. */
  List<byte[]> audioPackets() {
    List<byte[]> all = new ArrayList<>();
    pages.forEach(p -> all.addAll(p.packets()));
    return all.subList(2, all.size());
  }

  // Ogg CRC-32 the slow way: MSB first, polynomial 0x04C11DB7, initial 0, no final XOR.
  static int crc(byte[] data) {
    int crc = 0;
    for (byte d : data) {
      crc ^= (d & 0xff) << 24;
      for (int k = 0; k < 8; k++) {
        crc = crc < 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
      }
    }
    return crc;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}

package org.atalaya.media.rtp;

/** Reads and writes RTP fixed headers (RFC 3550 section 5.1) in place, without allocating. */
final class Rtp {
  static final int HEADER = 12;

  private Rtp() {}

  /** Offset of the payload, or -1 if the packet is not valid RTP version 2. */
  static int payloadOffset(byte[] p, int length) {
    if (length < HEADER || (p[0] & 0xC0) != 0x80) {
      return -1;
    }
    int offset = HEADER + (p[0] & 0x0F) * 4;
    if ((p[0] & 0x10) != 0) { // header extension
      if (offset + 4 > length) {
        return -1;
      }
      offset += 4 + (((p[offset + 2] & 0xFF) << 8) | (p[offset + 3] & 0xFF)) * 4;
    }
    return offset <= length ? offset : -1;
  }

  /** Payload end, minus RFC 3550 padding. */
  static int payloadEnd(byte[] p, int length) {
    if ((p[0] & 0x20) != 0 && length > HEADER) {
      return length - (p[length - 1] & 0xFF);
    }
    return length;
  }

  static int payloadType(byte[] p) {
    return p[1] & 0x7F;
  }

  static boolean marker(byte[] p) {
    return (p[1] & 0x80) != 0;
  }

  static int sequence(byte[] p) {
    return ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
  }

  static long timestamp(byte[] p) {
    return ((p[4] & 0xFFL) << 24) | ((p[5] & 0xFFL) << 16) | ((p[6] & 0xFFL) << 8) | (p[7] & 0xFFL);
  }

  static long ssrc(byte[] p) {
    return ((p[8] & 0xFFL) << 24) | ((p[9] & 0xFFL) << 16) | ((p[10] & 0xFFL) << 8) | (p[11] & 0xFFL);
  }

  static void writeHeader(byte[] p, boolean marker, int payloadType, int sequence, long timestamp, long ssrc) {
    p[0] = (byte) 0x80;
    p[1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
    p[2] = (byte) (sequence >> 8);
    p[3] = (byte) sequence;
    p[4] = (byte) (timestamp >> 24);
    p[5] = (byte) (timestamp >> 16);
    p[6] = (byte) (timestamp >> 8);
    p[7] = (byte) timestamp;
    p[8] = (byte) (ssrc >> 24);
    p[9] = (byte) (ssrc >> 16);
    p[10] = (byte) (ssrc >> 8);
    p[11] = (byte) ssrc;
  }
}

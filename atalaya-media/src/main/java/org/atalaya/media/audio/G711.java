package org.atalaya.media.audio;

/**
 * ITU-T G.711 µ-law and A-law, table driven: decoding is one array read, encoding one read of a
 * 16K table indexed by the top 14 bits of the sample, so the media hot path never branches per
 * bit or allocates.
 */
public final class G711 {
  private static final short[] ULAW_TO_LINEAR = new short[256];
  private static final short[] ALAW_TO_LINEAR = new short[256];
  private static final byte[] LINEAR_TO_ULAW = new byte[1 << 14];
  private static final byte[] LINEAR_TO_ALAW = new byte[1 << 14];

  static {
    for (int i = 0; i < 256; i++) {
      ULAW_TO_LINEAR[i] = (short) ulawDecodeSlow((byte) i);
      ALAW_TO_LINEAR[i] = (short) alawDecodeSlow((byte) i);
    }
    for (int i = 0; i < (1 << 14); i++) {
      int sample = (short) (i << 2);
      LINEAR_TO_ULAW[i] = ulawEncodeSlow(sample);
      LINEAR_TO_ALAW[i] = alawEncodeSlow(sample);
    }
  }

  private G711() {}

  public static short ulawToLinear(byte b) {
    return ULAW_TO_LINEAR[b & 0xff];
  }

  public static short alawToLinear(byte b) {
    return ALAW_TO_LINEAR[b & 0xff];
  }

  public static byte linearToUlaw(short s) {
    return LINEAR_TO_ULAW[(s >> 2) & 0x3fff];
  }

  public static byte linearToAlaw(short s) {
    return LINEAR_TO_ALAW[(s >> 2) & 0x3fff];
  }

  /** Converts one µ-law byte to A-law without passing through the caller's buffers. */
  public static byte ulawToAlaw(byte b) {
    return linearToAlaw(ulawToLinear(b));
  }

  public static byte alawToUlaw(byte b) {
    return linearToUlaw(alawToLinear(b));
  }

  /** The µ-law byte of digital silence (0xFF) and the A-law one (0xD5). */
  public static final byte ULAW_SILENCE = (byte) 0xff;

  public static final byte ALAW_SILENCE = (byte) 0xd5;

  private static final int BIAS = 0x84;
  private static final int CLIP = 32635;

  private static byte ulawEncodeSlow(int sample) {
    int sign = (sample >> 8) & 0x80;
    if (sign != 0) {
      sample = -sample;
    }
    if (sample > CLIP) {
      sample = CLIP;
    }
    sample += BIAS;
    int exponent = 7;
    for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
      exponent--;
    }
    int mantissa = (sample >> (exponent + 3)) & 0x0f;
    return (byte) ~(sign | (exponent << 4) | mantissa);
  }

  private static int ulawDecodeSlow(byte b) {
    int u = ~b & 0xff;
    int sign = u & 0x80;
    int exponent = (u >> 4) & 0x07;
    int mantissa = u & 0x0f;
    int sample = ((mantissa << 3) + BIAS) << exponent;
    sample -= BIAS;
    return sign != 0 ? -sample : sample;
  }

  private static byte alawEncodeSlow(int sample) {
    int sign = (sample & 0x8000) != 0 ? 0x00 : 0x80;
    if (sign == 0) {
      sample = -sample;
    }
    if (sample > 32767) {
      sample = 32767;
    }
    int compressed;
    if (sample >= 256) {
      int exponent = 7;
      for (int mask = 0x4000; (sample & mask) == 0 && exponent > 1; mask >>= 1) {
        exponent--;
      }
      int mantissa = (sample >> (exponent + 3)) & 0x0f;
      compressed = (exponent << 4) | mantissa;
    } else {
      compressed = sample >> 4;
    }
    return (byte) ((compressed | sign) ^ 0x55);
  }

  private static int alawDecodeSlow(byte b) {
    int a = (b & 0xff) ^ 0x55;
    int sign = a & 0x80;
    int exponent = (a >> 4) & 0x07;
    int mantissa = a & 0x0f;
    int sample;
    if (exponent == 0) {
      sample = (mantissa << 4) + 8;
    } else {
      sample = ((mantissa << 4) + 0x108) << (exponent - 1);
    }
    return sign != 0 ? sample : -sample;
  }
}

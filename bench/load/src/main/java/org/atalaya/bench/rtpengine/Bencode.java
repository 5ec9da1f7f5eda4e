package org.atalaya.bench.rtpengine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bencoding, as rtpengine's ng control protocol speaks it: byte strings ({@code 4:spam}), integers
 * ({@code i42e}), lists ({@code l...e}) and dictionaries ({@code d...e}).
 *
 * <p>Encoding takes {@link CharSequence} (sent as UTF-8, its length counted in bytes), {@code
 * byte[]}, integral {@link Number}s, {@link List}s and {@link Map}s with string keys; dictionary keys
 * are written in the byte order the specification asks for. Decoding gives {@link String} for byte
 * strings (read as UTF-8: everything ng sends is text, SDP included), {@link Long} for integers,
 * {@link List} and {@link LinkedHashMap} in arrival order (rtpengine does not sort its keys, so
 * the decoder does not insist on it).
 */
public final class Bencode {
  private Bencode() {}

  /** The encoding of a value. */
  public static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    encode(value, out);
    return out.toByteArray();
  }

  /** Appends the encoding of a value. */
  public static void encode(Object value, ByteArrayOutputStream out) {
    switch (value) {
      case CharSequence s -> bytes(s.toString().getBytes(StandardCharsets.UTF_8), out);
      case byte[] b -> bytes(b, out);
      case Long l -> ascii("i" + l + "e", out);
      case Integer i -> ascii("i" + i + "e", out);
      case Short s -> ascii("i" + s + "e", out);
      case Byte b -> ascii("i" + b + "e", out);
      case List<?> list -> {
        out.write('l');
        for (Object item : list) {
          encode(item, out);
        }
        out.write('e');
      }
      case Map<?, ?> map -> {
        byte[][] keys = new byte[map.size()][];
        Object[] values = new Object[map.size()];
        int n = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!(e.getKey() instanceof CharSequence k)) {
            throw new IllegalArgumentException("dictionary key is not a string: " + e.getKey());
          }
          keys[n] = k.toString().getBytes(StandardCharsets.UTF_8);
          values[n++] = e.getValue();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
        out.write('d');
        for (int i : order) {
          bytes(keys[i], out);
          encode(values[i], out);
        }
        out.write('e');
      }
      case null -> throw new IllegalArgumentException("bencode has no null");
      default -> throw new IllegalArgumentException("cannot bencode a " + value.getClass().getName());
    }
  }

  private static void bytes(byte[] b, ByteArrayOutputStream out) {
    ascii(b.length + ":", out);
    out.writeBytes(b);
  }

  private static void ascii(String s, ByteArrayOutputStream out) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  /** Decodes one value that fills the whole array. */
  public static Object decode(byte[] data) {
    return decode(data, 0, data.length);
  }

  /** Decodes one value that fills {@code data[offset, offset + length)}. */
  public static Object decode(byte[] data, int offset, int length) {
    Reader r = new Reader(data, offset, offset + length);
    Object value = r.value();
    if (r.pos != r.end) {
      throw new IllegalArgumentException("bencode: " + (r.end - r.pos) + " bytes after the value");
    }
    return value;
  }

  /** Decodes a value that must be a dictionary. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> decodeDict(byte[] data, int offset, int length) {
    Object value = decode(data, offset, length);
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("bencode: expected a dictionary, got " + value);
    }
    return (Map<String, Object>) value;
  }

  private static final class Reader {
    private final byte[] data;
    private final int end;
    private int pos;

    Reader(byte[] data, int pos, int end) {
      this.data = data;
      this.pos = pos;
      this.end = end;
    }

    Object value() {
      byte c = peek();
      switch (c) {
        case 'i' -> {
          pos++;
          long v = number('e');
          return v;
        }
        case 'l' -> {
          pos++;
          List<Object> list = new ArrayList<>();
          while (peek() != 'e') {
            list.add(value());
          }
          pos++;
          return list;
        }
        case 'd' -> {
          pos++;
          Map<String, Object> map = new LinkedHashMap<>();
          while (peek() != 'e') {
            if (peek() < '0' || peek() > '9') {
              throw error("dictionary key is not a string");
            }
            String key = string();
            map.put(key, value());
          }
          pos++;
          return map;
        }
        default -> {
          if (c >= '0' && c <= '9') {
            return string();
          }
          throw error("unexpected '" + (char) c + "'");
        }
      }
    }

    private String string() {
      long len = number(':');
      if (len < 0 || len > end - pos) {
        throw error("string length " + len + " past the end");
      }
      String s = new String(data, pos, (int) len, StandardCharsets.UTF_8);
      pos += (int) len;
      return s;
    }

    private long number(char terminator) {
      int start = pos;
      boolean negative = false;
      if (pos < end && data[pos] == '-') {
        negative = true;
        pos++;
      }
      long v = 0;
      int digits = 0;
      while (pos < end && data[pos] != terminator) {
        byte d = data[pos++];
        if (d < '0' || d > '9' || digits > 18) {
          pos = start;
          throw error("bad number");
        }
        v = v * 10 + (d - '0');
        digits++;
      }
      if (pos >= end || digits == 0) {
        pos = start;
        throw error("unterminated number");
      }
      pos++; // the terminator
      return negative ? -v : v;
    }

    private byte peek() {
      if (pos >= end) {
        throw error("truncated");
      }
      return data[pos];
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException("bencode: " + what + " at byte " + pos);
    }
  }
}

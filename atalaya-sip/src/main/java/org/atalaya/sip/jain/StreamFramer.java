package org.atalaya.sip.jain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the octets of a SIP stream (TCP) into whole messages before the SIP stack reads them
 * (RFC 3261 18.3: a message ends after its empty line and Content-Length octets of body). The
 * stack's own stream parser dies on some inputs, leaving the connection unread for good: a line
 * that starts with several CRs (an index out of bounds), a Content-Length over its size limit (a
 * RuntimeException), and a message cut short by the peer closing was handled as if it were whole
 * (fuzz findings S5, S6 and S3, docs/SECURITY.md). What it gets from here is always whole and
 * tidy: header lines end in CRLF and nothing else, folded lines are joined (RFC 3261 7.3.1: a fold
 * is only white space), the body is as it came, and an empty line between messages (a keep-alive,
 * RFC 5626 4.4.1) is passed on as one CRLF.
 *
 * <p>A message whose end cannot be known (a Content-Length that is not one number, or over the
 * body limit, or a header over the header limit) is a {@link Piece.Refuse}: the framing is lost,
 * and the only safe thing left is to answer and close. Not thread-safe: one per connection, fed by
 * its reading thread.
 */
final class StreamFramer {
  /** What the octets fed so far made. */
  sealed interface Piece {
    /** A whole message: tidied header, then its body. */
    record Message(byte[] octets) implements Piece {}

    /** An empty line between messages. */
    record KeepAlive() implements Piece {}

    /** A message that cannot be framed; {@code why} is for the log, {@code raw} what came of it. */
    record Refuse(int status, String why, RawRequest raw) implements Piece {}
  }

  private static final byte[] CRLF = {'\r', '\n'};

  private final int maxHeader;
  private final int maxBody;
  private final ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
  /** Octets on the current line other than CR and LF: 0 at an empty line. */
  private int lineContent;
  /** Octets other than CR and LF in the current header so far: 0 while between messages. */
  private int headContent;
  private byte[] tidyHead;
  private byte[] body;
  private int bodyRead;
  private boolean lost;

  /**
   * @param maxHeader the most octets a start line and header fields may take
   * @param maxBody the largest Content-Length accepted
   */
  StreamFramer(int maxHeader, int maxBody) {
    this.maxHeader = maxHeader;
    this.maxBody = maxBody;
  }

  /** The pieces these octets complete, in order; nothing more after a {@link Piece.Refuse}. */
  List<Piece> feed(byte[] octets, int offset, int length) {
    List<Piece> pieces = new ArrayList<>(1);
    int i = offset;
    int end = offset + length;
    while (i < end && !lost) {
      if (body != null) {
        int n = Math.min(end - i, body.length - bodyRead);
        System.arraycopy(octets, i, body, bodyRead, n);
        bodyRead += n;
        i += n;
        if (bodyRead == body.length) {
          pieces.add(new Piece.Message(concat(tidyHead, body)));
          tidyHead = null;
          body = null;
        }
        continue;
      }
      byte b = octets[i++];
      head.write(b);
      if (b == '\n') {
        if (lineContent == 0) {
          if (headContent == 0) {
            pieces.add(new Piece.KeepAlive());
            head.reset();
          } else {
            endOfHeader(pieces);
          }
        }
        lineContent = 0;
      } else if (b != '\r') {
        lineContent++;
        headContent++;
      }
      if (head.size() > maxHeader && !lost) {
        lost = true;
        pieces.add(new Piece.Refuse(513, "header over " + maxHeader + " octets", RawRequest.of(head.toByteArray())));
      }
    }
    return pieces;
  }

  /** Whether a message has begun and not ended: what a closing peer or a timeout cuts short. */
  boolean midMessage() {
    return headContent > 0 || body != null;
  }

  /** Octets of the unfinished message so far. */
  int unfinished() {
    return body != null ? tidyHead.length + bodyRead : head.size();
  }

  private void endOfHeader(List<Piece> pieces) {
    byte[] tidy = tidy(head.toByteArray());
    head.reset();
    headContent = 0;
    RawRequest raw = RawRequest.of(tidy);
    RawRequest.LengthProblem problem = raw.lengthProblem();
    if (problem != null) {
      lost = true;
      pieces.add(new Piece.Refuse(problem.tooLong() ? 413 : 400, problem.why(), raw));
      return;
    }
    int length = raw.contentLength();
    if (length > maxBody) {
      lost = true;
      pieces.add(new Piece.Refuse(413, "Content-Length " + length + " over " + maxBody, raw));
      return;
    }
    if (length == 0) {
      pieces.add(new Piece.Message(tidy));
    } else {
      tidyHead = tidy;
      body = new byte[length];
      bodyRead = 0;
    }
  }

  /**
   * The header block with every line ending in CRLF, CRs elsewhere turned into spaces, folded
   * lines joined with one space, and empty lines before the start line left out.
   */
  static byte[] tidy(byte[] header) {
    String text = new String(header, StandardCharsets.ISO_8859_1);
    StringBuilder out = new StringBuilder(text.length() + 16);
    boolean started = false;
    for (String line : text.split("\n", -1)) {
      String clean = stripCrs(line);
      if (clean.isEmpty()) {
        if (started) {
          break; // the empty line that ends the header
        }
        continue;
      }
      boolean fold = clean.charAt(0) == ' ' || clean.charAt(0) == '\t';
      if (fold && started) {
        out.setLength(out.length() - 2);
        out.append(' ').append(clean.strip()).append("\r\n");
      } else {
        out.append(clean).append("\r\n");
        started = true;
      }
    }
    return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String stripCrs(String line) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    String kept = line.substring(0, end);
    return kept.indexOf('\r') < 0 ? kept : kept.replace('\r', ' ');
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] crlf() {
    return CRLF.clone();
  }
}

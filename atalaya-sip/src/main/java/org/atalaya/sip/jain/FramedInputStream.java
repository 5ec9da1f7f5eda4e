package org.atalaya.sip.jain;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP connection's input as the SIP stack reads it: only whole messages, cut by a
 * {@link StreamFramer}. A message left unfinished when the peer closes is dropped, not served
 * half-read; one still unfinished after the read timeout closes the connection (RFC 4475 3.1.2.2);
 * one that cannot be framed is answered here (400, 413 or 513, copying its header fields as
 * {@link Refusals} does) and ends the input, a moment later, so that the stack can still answer
 * what came before it on the open connection. Every such event is one INFO line. When the input
 * ends, the connection is closed.
 *
 * <p>The socket must have a short SO_TIMEOUT (a tick): the read timeout is counted across ticks.
 * Read by the connection's one reading thread.
 */
final class FramedInputStream extends InputStream {
  private static final Logger LOG = LoggerFactory.getLogger(FramedInputStream.class);
  /** How long a refused connection stays open for the answers to what came before the refusal. */
  static final long LINGER_MS = 1000;

  private final InputStream raw;
  private final OutputStream out;
  private final Closeable connection;
  private final String peer;
  private final StreamFramer framer;
  private final long readTimeoutNanos;
  private final Predicate<String> silenced;
  private final byte[] buffer = new byte[4096];
  private final ByteArrayOutputStream queued = new ByteArrayOutputStream();
  private byte[] ready = new byte[0];
  private int readyAt;
  private long messageStart;
  private int emptyLines;
  private boolean ended;
  private boolean linger;

  /**
   * @param peer the remote address, for the log and for {@code silenced}
   * @param silenced whether an address gets no answer (a blocked password guesser)
   */
  FramedInputStream(InputStream raw, OutputStream out, Closeable connection, String peer, StreamFramer framer,
      long readTimeoutMs, Predicate<String> silenced) {
    this.raw = raw;
    this.out = out;
    this.connection = connection;
    this.peer = peer;
    this.framer = framer;
    this.readTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(readTimeoutMs);
    this.silenced = silenced;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public synchronized int read(byte[] into, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (readyAt == ready.length) {
      if (queued.size() > 0) {
        ready = queued.toByteArray();
        readyAt = 0;
        queued.reset();
      } else if (ended) {
        lingerThenEnd();
        closeConnection();
        return -1;
      } else {
        fill();
      }
    }
    int n = Math.min(length, ready.length - readyAt);
    System.arraycopy(ready, readyAt, into, offset, n);
    readyAt += n;
    return n;
  }

  @Override
  public int available() {
    return ready.length - readyAt;
  }

  @Override
  public void close() throws IOException {
    raw.close();
  }

  private void fill() throws IOException {
    int n;
    try {
      n = raw.read(buffer);
    } catch (SocketTimeoutException tick) {
      if (framer.midMessage() && System.nanoTime() - messageStart > readTimeoutNanos) {
        LOG.info("SIP over TCP from {}: a message still unfinished after {} ms ({} octets), connection closed", peer,
            TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos), framer.unfinished());
        ended = true;
      }
      return;
    }
    if (n < 0) {
      if (framer.midMessage()) {
        LOG.info("SIP over TCP from {}: the connection closed {} octets into a message, which is dropped", peer,
            framer.unfinished());
      }
      ended = true;
      return;
    }
    boolean wasMid = framer.midMessage();
    boolean completed = false;
    for (StreamFramer.Piece piece : framer.feed(buffer, 0, n)) {
      switch (piece) {
        case StreamFramer.Piece.Message m -> {
          queued.writeBytes(m.octets());
          completed = true;
          emptyLines = 0;
        }
        case StreamFramer.Piece.KeepAlive k -> keepAlive();
        case StreamFramer.Piece.Refuse r -> refuse(r);
      }
    }
    if (framer.midMessage() && (!wasMid || completed)) {
      messageStart = System.nanoTime();
    }
  }

  /**
   * RFC 5626 4.4.1: a double CRLF (ping) is answered with one CRLF (pong), here and not by the
   * stack, which logged an ERROR with a trace when the connection had closed meanwhile or had sent
   * no message yet (fuzz finding S4). The stack never sees empty lines between messages.
   */
  private void keepAlive() {
    if (++emptyLines % 2 == 0) {
      try {
        write(StreamFramer.crlf());
      } catch (IOException closed) {
        LOG.debug("no pong to {}: {}", peer, closed.toString());
      }
    }
  }

  private void refuse(StreamFramer.Piece.Refuse refuse) {
    ended = true;
    linger = true;
    boolean request = !refuse.raw().startLine().regionMatches(true, 0, "SIP/", 0, 4);
    RawResponse answer = request && !silenced.test(peer)
        ? Refusals.malformed(new Malformed(refuse.status(), refuse.why(), refuse.raw(), true)) : null;
    LOG.info("SIP over TCP from {}: {} cannot be framed ({}), {}and the connection closed", peer,
        request ? refuse.raw().method() + " request" : "a response", refuse.why(),
        answer == null ? "not answered " : "answered " + refuse.status() + " ");
    if (answer != null) {
      try {
        write(answer.encodeAsBytes("TCP"));
      } catch (IOException e) {
        LOG.debug("cannot answer {}: {}", peer, e.toString());
      }
    }
  }

  /**
   * The input ends with the connection closed: at its end the stack feeds its own parser a double
   * CRLF, which that parser takes for a keep-alive ping; its pong, sent while the socket was still
   * open, failed (an ERROR with a trace, fuzz finding S4). A closed socket it leaves alone.
   */
  private void closeConnection() {
    try {
      connection.close();
    } catch (IOException e) {
      LOG.debug("closing {}: {}", peer, e.toString());
    }
  }

  /** Locked as the stack locks it when it writes (IOHandler), so that no message is split. */
  private void write(byte[] octets) throws IOException {
    synchronized (out) {
      out.write(octets);
      out.flush();
    }
  }

  /**
   * After a refusal, the rest is read and dropped for a moment: the stack still answers what came
   * before on this connection, and a close with unread input would reset it and lose the answers.
   */
  private void lingerThenEnd() {
    if (!linger) {
      return;
    }
    linger = false;
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MS);
    try {
      while (System.nanoTime() < until) {
        try {
          if (raw.read(buffer) < 0) {
            return;
          }
        } catch (SocketTimeoutException tick) {
          // the socket's tick: look at the time again
        }
      }
    } catch (IOException closed) {
      // the connection is gone already: nothing more to wait for
    }
  }
}

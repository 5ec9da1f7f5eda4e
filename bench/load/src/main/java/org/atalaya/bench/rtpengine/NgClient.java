package org.atalaya.bench.rtpengine;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client of rtpengine's ng control protocol on 127.0.0.1: one bencoded dictionary per UDP
 * datagram, prefixed by a cookie and a space; the reply carries the same cookie.
 *
 * <p>A command that gets no reply within the timeout is sent once more with the same cookie
 * (rtpengine remembers the replies it gave by cookie, so a repeated offer does not allocate a
 * second set of ports), then fails. Replies with another cookie (late answers to an earlier,
 * retried command) are skipped. One command at a time: the methods are synchronized.
 */
public final class NgClient implements Closeable {
  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private final int timeoutMillis;
  private final String cookiePrefix;
  private final byte[] receiveBuffer = new byte[65535];
  private long sequence;

  /** A client of the ng port on 127.0.0.1:{@code port}, waiting {@code timeout} for each reply. */
  public NgClient(int port, Duration timeout) throws IOException {
    this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    this.timeoutMillis = Math.toIntExact(Math.max(1, timeout.toMillis()));
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.socket.setSoTimeout(timeoutMillis);
    this.cookiePrefix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + "_";
  }

  /**
   * Sends {@code command} with the other keys of {@code args} and returns the reply's dictionary.
   *
   * @throws NgException on {@code result: error} (with rtpengine's {@code error-reason}) or when
   *     no reply came after the retry
   */
  public synchronized Map<String, Object> command(String command, Map<String, ?> args) throws IOException {
    Map<String, Object> message = new LinkedHashMap<>(args);
    message.put("command", command);
    String cookie = cookiePrefix + (++sequence);
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    out.writeBytes((cookie + " ").getBytes(StandardCharsets.US_ASCII));
    Bencode.encode(message, out);
    byte[] request = out.toByteArray();
    byte[] cookieBytes = (cookie + " ").getBytes(StandardCharsets.US_ASCII);
    for (int attempt = 1; attempt <= 2; attempt++) {
      socket.send(new DatagramPacket(request, request.length, server));
      long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          break;
        }
        socket.setSoTimeout((int) left);
        DatagramPacket reply = new DatagramPacket(receiveBuffer, receiveBuffer.length);
        try {
          socket.receive(reply);
        } catch (SocketTimeoutException e) {
          break;
        }
        int len = reply.getLength();
        if (len < cookieBytes.length
            || !Arrays.equals(receiveBuffer, 0, cookieBytes.length, cookieBytes, 0, cookieBytes.length)) {
          continue; // an answer to an earlier command that we already gave up on
        }
        Map<String, Object> dict =
            Bencode.decodeDict(receiveBuffer, cookieBytes.length, len - cookieBytes.length);
        Object result = dict.get("result");
        if ("error".equals(result)) {
          throw new NgException(command + " failed: " + dict.getOrDefault("error-reason", "(no error-reason)"));
        }
        if (result == null) {
          throw new NgException(command + ": reply without a result: " + dict);
        }
        return dict;
      }
    }
    throw new NgException(command + ": no reply from rtpengine at " + server + " after 2 attempts of "
        + timeoutMillis + " ms");
  }

  /** {@code ping}, which rtpengine answers with {@code result: pong}. */
  public void ping() throws IOException {
    Object result = command("ping", Map.of()).get("result");
    if (!"pong".equals(result)) {
      throw new NgException("ping answered " + result);
    }
  }

  /** {@code offer}: the caller's SDP in, the SDP to give the callee out. */
  public String offer(String callId, String fromTag, String sdp) throws IOException {
    return sdpOf(command("offer", Map.of("call-id", callId, "from-tag", fromTag, "sdp", sdp)), "offer");
  }

  /** {@code answer}: the callee's SDP in, the SDP to give the caller out. */
  public String answer(String callId, String fromTag, String toTag, String sdp) throws IOException {
    return sdpOf(command("answer", Map.of("call-id", callId, "from-tag", fromTag, "to-tag", toTag, "sdp", sdp)),
        "answer");
  }

  /** {@code delete} of a whole call. */
  public void delete(String callId, String fromTag) throws IOException {
    command("delete", Map.of("call-id", callId, "from-tag", fromTag));
  }

  private static String sdpOf(Map<String, Object> reply, String command) throws NgException {
    if (reply.get("sdp") instanceof String sdp) {
      return sdp;
    }
    throw new NgException(command + ": reply without an sdp: " + reply);
  }

  @Override
  public void close() {
    socket.close();
  }

  /** rtpengine said no, or said nothing. */
  public static final class NgException extends IOException {
    public NgException(String message) {
      super(message);
    }
  }
}

package org.atalaya.app.e2e;

import static org.atalaya.app.e2e.MonitoringWebE2ETest.HTTP;
import static org.atalaya.app.e2e.MonitoringWebE2ETest.JSON;
import static org.atalaya.app.e2e.MonitoringWebE2ETest.atalaya;
import static org.atalaya.app.e2e.MonitoringWebE2ETest.basic;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.atalaya.media.audio.Tones;

/** A browser's audio socket: collects what it hears, can speak a tone and send commands. */
final class MonitorClient implements WebSocket.Listener, AutoCloseable {
  private final List<short[]> heard = new ArrayList<>();
  private final List<String> texts = new CopyOnWriteArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;
  private volatile boolean speaking = true;
  private Thread speaker;

  static MonitorClient connect(String callId, String mode, String user, String password) throws Exception {
    MonitorClient b = new MonitorClient();
    b.socket = HTTP.newWebSocketBuilder().header("Authorization", basic(user, password))
        .buildAsync(URI.create("ws://127.0.0.1:" + atalaya.node.webPort() + "/api/v1/monitor/ws?call=" + callId
            + "&mode=" + mode), b)
        .get(5, TimeUnit.SECONDS);
    return b;
  }

  /** The HTTP status that refused the upgrade, or 101 if it was accepted. */
  static int refusal(String callId, String user, String password) throws Exception {
    try (MonitorClient b = connect(callId, "listen", user, password)) {
      return 101;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    ByteBuffer le = data.order(ByteOrder.LITTLE_ENDIAN);
    short[] frame = new short[le.remaining() / 2];
    le.asShortBuffer().get(frame);
    synchronized (heard) {
      heard.add(frame);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      texts.add(partial.toString());
      partial.setLength(0);
    }
    ws.request(1);
    return null;
  }

  String lastMode() throws Exception {
    for (int i = texts.size() - 1; i >= 0; i--) {
      JsonNode n = JSON.readTree(texts.get(i));
      if ("session".equals(n.path("type").asText())) {
        return n.get("mode").asText();
      }
    }
    return "";
  }

  String sessionId() throws Exception {
    for (String t : texts) {
      JsonNode n = JSON.readTree(t);
      if ("session".equals(n.path("type").asText())) {
        return n.get("sessionId").asText();
      }
    }
    return null;
  }

  /** One send at a time: java.net.http.WebSocket refuses a send while another is pending. */
  synchronized void command(String json) {
    socket.sendText(json, true).join();
  }

  private synchronized void sendFrame(ByteBuffer frame) throws Exception {
    socket.sendBinary(frame, true).get(1, TimeUnit.SECONDS);
  }

  /** Streams a tone as the microphone would, 20 ms per message, until closed. */
  void speak(double freq) {
    speaker = Thread.ofPlatform().daemon().start(() -> {
      long start = System.nanoTime();
      ByteBuffer buf = ByteBuffer.allocate(320).order(ByteOrder.LITTLE_ENDIAN);
      for (long i = 0; speaking; i++) {
        buf.clear();
        for (short s : Tones.sine(freq, 8000, 160, 8000, i * 160)) {
          buf.putShort(s);
        }
        buf.flip();
        try {
          sendFrame(buf);
          long due = start + (i + 1) * 20_000_000L;
          while (System.nanoTime() < due) {
            Thread.sleep(1);
          }
        } catch (Exception e) {
          return;
        }
      }
    });
  }

  void clear() {
    synchronized (heard) {
      heard.clear();
    }
  }

  short[] heard() {
    synchronized (heard) {
      int n = heard.stream().mapToInt(f -> f.length).sum();
      short[] out = new short[n];
      int at = 0;
      for (short[] f : heard) {
        System.arraycopy(f, 0, out, at, f.length);
        at += f.length;
      }
      return out;
    }
  }

  @Override
  public void close() throws Exception {
    speaking = false;
    if (speaker != null) {
      speaker.join();
    }
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      socket.abort();
    }
  }
}

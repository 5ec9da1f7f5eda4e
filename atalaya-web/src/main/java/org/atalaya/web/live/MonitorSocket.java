package org.atalaya.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.atalaya.core.monitoring.Actor;
import org.atalaya.core.monitoring.MonitorSession;
import org.atalaya.core.monitoring.MonitoringException;
import org.atalaya.media.MonitorMode;
import org.atalaya.media.PcmMonitor;
import org.atalaya.web.ApiException;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Browser monitoring over one WebSocket: {@code /api/v1/monitor/ws?call=<id>&mode=<mode>}. The
 * session starts when the socket connects and ends when it closes. Binary messages are 20 ms
 * of 8 kHz 16-bit little-endian mono PCM both ways; text messages are JSON (see
 * docs/MONITORING.md).
 *
 * <p>Authorization happens before the upgrade, so a refused user gets a plain HTTP 401/403/404.
 * Threading: Jetty calls the handlers; one virtual thread per socket pumps heard audio out.
 */
public final class MonitorSocket {
  private static final Logger LOG = LoggerFactory.getLogger(MonitorSocket.class);
  static final String PATH = "/api/v1/monitor/ws";
  private static final String ACTOR = "atalaya.monitor.actor";
  private static final int FRAME_BYTES = PcmMonitor.FRAME_SAMPLES * 2;

  private final Authenticator auth;
  private final LiveServices live;
  private final ObjectMapper mapper;
  private final Map<String, MonitorSession> bySocket = new ConcurrentHashMap<>();

  public MonitorSocket(Authenticator auth, LiveServices live, ObjectMapper mapper) {
    this.auth = auth;
    this.live = live;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.wsBeforeUpgrade(PATH, ctx -> {
      // Browsers send Origin on every WebSocket handshake: a page of another site must not ride
      // on a supervisor's session to listen to calls (cross-site WebSocket hijacking).
      String origin = ctx.header("Origin");
      if (origin != null && !sameOrigin(origin, ctx.header("Host"))) {
        throw ApiException.forbidden();
      }
      Principal p = auth.require(ctx);
      Actors.requireSupervisor(p);
      String call = ctx.queryParam("call");
      if (call == null || call.isBlank()) {
        throw ApiException.badRequest("call is required: " + PATH + "?call={id}&mode={mode}");
      }
      MonitorRoutes.mode(ctx.queryParamAsClass("mode", String.class).getOrDefault("listen"));
      Actor actor = Actors.of(p);
      live.monitoring().check(actor, call);
      ctx.attribute(ACTOR, actor);
    });
    routes.ws(PATH, ws -> {
      ws.onConnect(this::connected);
      ws.onBinaryMessage(ctx -> speak(ctx, ctx.data()));
      ws.onMessage(ctx -> command(ctx, ctx.message()));
      ws.onClose(ctx -> closed(ctx, "browser closed the socket"));
      ws.onError(ctx -> closed(ctx, "socket error"));
    });
  }

  static boolean sameOrigin(String origin, String host) {
    try {
      java.net.URI o = java.net.URI.create(origin);
      if (o.getHost() == null) {
        return false; // "null" (sandboxed frames, file: pages) is never our page
      }
      String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
      return host != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void connected(WsContext ctx) {
    Actor actor = ctx.attribute(ACTOR);
    if (actor == null) {
      ctx.closeSession(4401, "not authorized");
      return;
    }
    ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
    MonitorSession session;
    try {
      MonitorMode mode = MonitorMode.parse(ctx.queryParamMap().containsKey("mode") ? ctx.queryParam("mode") : "listen");
      session = live.monitoring().startBrowser(actor, ctx.queryParam("call"), mode);
    } catch (MonitoringException e) {
      send(ctx, Map.of("type", "error", "status", LiveErrors.status(e), "message", e.getMessage()));
      ctx.closeSession(4000 + LiveErrors.status(e), e.getMessage());
      return;
    }
    bySocket.put(ctx.sessionId(), session);
    session.onChange(s -> {
      if (s.isEnded()) {
        send(ctx, Map.of("type", "ended", "reason", String.valueOf(s.endReason())));
        ctx.closeSession(1000, "monitoring ended");
      } else {
        send(ctx, state(s));
      }
    });
    send(ctx, state(session));
    PcmMonitor audio = session.audio();
    Thread.ofVirtual().name("monitor-ws-" + session.id()).start(() -> pump(ctx, session, audio));
  }

  /** Sends what the supervisor hears, frame by frame, until the session ends. */
  private void pump(WsContext ctx, MonitorSession session, PcmMonitor audio) {
    ByteBuffer out = ByteBuffer.allocate(FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    try {
      while (!session.isEnded() && ctx.session.isOpen()) {
        short[] frame = audio.poll(200, TimeUnit.MILLISECONDS);
        if (frame == null) {
          continue;
        }
        out.clear();
        for (short s : frame) {
          out.putShort(s);
        }
        out.flip();
        ctx.send(out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.debug("monitor socket {}: send failed: {}", session.id(), e.getMessage());
    }
  }

  private void speak(WsContext ctx, ByteBuffer data) {
    MonitorSession s = bySocket.get(ctx.sessionId());
    if (s == null || s.audio() == null) {
      return;
    }
    if (data.remaining() % FRAME_BYTES != 0) {
      send(ctx, Map.of("type", "error", "status", 400,
          "message", "audio messages are 20 ms frames of 320 bytes (8 kHz 16-bit LE mono)"));
      return;
    }
    ByteBuffer in = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    while (in.remaining() >= FRAME_BYTES) {
      short[] frame = new short[PcmMonitor.FRAME_SAMPLES];
      for (int i = 0; i < frame.length; i++) {
        frame[i] = in.getShort();
      }
      s.audio().speak(frame);
    }
  }

  private void command(WsContext ctx, String text) {
    MonitorSession s = bySocket.get(ctx.sessionId());
    Actor actor = ctx.attribute(ACTOR);
    if (s == null || actor == null) {
      return;
    }
    try {
      JsonNode n = mapper.readTree(text);
      String mode = n == null ? null : n.path("mode").asText(null);
      if (mode == null) {
        send(ctx, Map.of("type", "error", "status", 400, "message", "send {\"mode\":\"listen|whisper|barge|take-over\"}"));
        return;
      }
      live.monitoring().changeMode(actor, s.id(), MonitorMode.parse(mode));
    } catch (MonitoringException e) {
      send(ctx, Map.of("type", "error", "status", LiveErrors.status(e), "message", e.getMessage()));
    } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
      send(ctx, Map.of("type", "error", "status", 400, "message", e.getMessage()));
    }
  }

  private void closed(WsContext ctx, String reason) {
    MonitorSession s = bySocket.remove(ctx.sessionId());
    if (s != null) {
      live.monitoring().left(s, reason);
    }
  }

  private static Map<String, Object> state(MonitorSession s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "session");
    m.put("sessionId", s.id());
    m.put("mode", s.mode().name());
    m.put("callId", s.view().callId());
    return m;
  }

  private void send(WsContext ctx, Object message) {
    try {
      if (ctx.session.isOpen()) {
        ctx.send(mapper.writeValueAsString(message));
      }
    } catch (Exception e) {
      LOG.debug("monitor socket send failed: {}", e.getMessage());
    }
  }
}

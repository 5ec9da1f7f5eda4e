package org.atalaya.web.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.sse.SseClient;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.atalaya.core.live.LiveEvent;
import org.atalaya.core.users.Role;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events}: the tenant's live events as Server-Sent Events. Supervisors and
 * admins get calls, agents, help and monitor events; agents get only notices and help about
 * their own extension. Other roles get nothing but keep-alives.
 *
 * <p>Threading: the bus delivers on publishers' threads (some hold locks), so each client has a
 * bounded queue drained by the request's own virtual thread; a client too slow to keep up loses
 * events (each one only means "refresh"), never slows a call.
 */
public final class EventRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(EventRoutes.class);
  static final String PATH = "/api/v1/events";
  private final Authenticator auth;
  private final LiveServices live;
  private final ObjectMapper mapper;

  public EventRoutes(Authenticator auth, LiveServices live, ObjectMapper mapper) {
    this.auth = auth;
    this.live = live;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    // Before the stream starts, so an anonymous client gets a plain 401.
    routes.before(PATH, auth::require);
    routes.sse(PATH, this::stream);
  }

  private void stream(SseClient client) {
    Principal p = auth.require(client.ctx());
    BlockingQueue<LiveEvent> queue = new ArrayBlockingQueue<>(256);
    AutoCloseable subscription = live.events().subscribe(e -> {
      if (visible(p, e)) {
        queue.offer(e);
      }
    });
    client.onClose(() -> close(subscription));
    // The stream is served on this (virtual) request thread until the client goes away. Not
    // keepAlive() with a separate thread: when a client vanished, Javalin completed the
    // kept-alive request after Jetty had recycled it and spun forever in its error handling.
    try {
      client.sendEvent("hello", "{\"role\":\"" + p.role().label() + "\"}");
      while (!client.terminated()) {
        LiveEvent e = queue.poll(15, TimeUnit.SECONDS);
        if (e == null) {
          client.sendComment("keep-alive");
        } else {
          client.sendEvent(e.type(), mapper.writeValueAsString(e));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("event stream of {} ended: {}", p.login(), e.getMessage());
    } finally {
      close(subscription);
    }
  }

  static boolean visible(Principal p, LiveEvent e) {
    if (!e.tenantId().equals(p.tenantId())) {
      return false;
    }
    if (p.role() == Role.ADMIN || p.role() == Role.SUPERVISOR) {
      return !(e instanceof LiveEvent.AgentNotice);
    }
    if (p.role() == Role.AGENT && p.agentExtension() != null) {
      return switch (e) {
        case LiveEvent.AgentNotice n -> p.agentExtension().equals(n.agentExtension());
        case LiveEvent.HelpChanged h -> p.agentExtension().equals(h.agentExtension());
        case LiveEvent.CallChanged c -> p.agentExtension().equals(c.call().agentExtension());
        case LiveEvent.CallEnded c -> p.agentExtension().equals(c.agentExtension());
        default -> false;
      };
    }
    return false;
  }

  private static void close(AutoCloseable subscription) {
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.debug("unsubscribe", e);
    }
  }
}

package org.atalaya.core.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's live event bus: calls, the ACD and monitoring publish; dashboards subscribe.
 *
 * <p>Threading: publish and subscribe from any thread. Publishers may hold locks (the ACD
 * does), so subscribers must only queue the event and return.
 */
public final class LiveEvents {
  private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
  private final List<Consumer<LiveEvent>> subscribers = new CopyOnWriteArrayList<>();

  /** Subscribes; close the returned handle to stop receiving. */
  public AutoCloseable subscribe(Consumer<LiveEvent> subscriber) {
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  public void publish(LiveEvent event) {
    for (Consumer<LiveEvent> s : subscribers) {
      try {
        s.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("live event subscriber failed on {}", event.type(), e);
      }
    }
  }

  /** Subscribers now (tests and /metrics). */
  public int subscribers() {
    return subscribers.size();
  }
}

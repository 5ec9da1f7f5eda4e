package org.atalaya.core.calls;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.atalaya.core.routing.Offer;
import org.atalaya.core.routing.WaitingCall;

/**
 * A customer call as the ACD sees it while it waits. Kept apart from {@link CustomerCall} so that
 * the ACD, which calls it under its own lock, reaches none of the call's mailbox-confined state.
 * The queue changes on overflow; the entry time does not, so an overflowed caller keeps its age.
 */
final class QueueEntry implements WaitingCall {
  private final String callId;
  private final Instant queuedAt;
  private volatile String excludedAgent;
  private final Consumer<List<Offer>> onOffer;
  private final Set<String> offeredTo = new HashSet<>(); // guarded by the ACD's lock
  private volatile String queue;
  private volatile String targetAgent;

  /** {@code onOffer} runs under the ACD's lock: it must only post to the call's mailbox. */
  QueueEntry(String callId, Instant queuedAt, String queue, String targetAgent, String excludedAgent,
      Consumer<List<Offer>> onOffer) {
    this.callId = callId;
    this.queuedAt = queuedAt;
    this.queue = queue;
    this.targetAgent = targetAgent;
    this.excludedAgent = excludedAgent;
    this.onOffer = onOffer;
  }

  /** Overflow: the call waits in another queue (while out of the ACD). */
  void moveTo(String queue) {
    this.queue = queue;
    this.targetAgent = null;
  }

  /**
   * A transfer: the call waits again, in {@code queue} or for {@code agent}, never offered back to
   * the agent who transferred it. It keeps its first entry time, so it goes ahead of newer calls.
   */
  void transferTo(String queue, String agent, String fromAgent) {
    this.queue = queue;
    this.targetAgent = agent;
    this.excludedAgent = fromAgent;
  }

  @Override
  public String callId() {
    return callId;
  }

  @Override
  public Instant queuedAt() {
    return queuedAt;
  }

  @Override
  public String queue() {
    return queue;
  }

  @Override
  public String targetAgent() {
    return targetAgent;
  }

  @Override
  public Set<String> offeredTo() {
    return offeredTo;
  }

  @Override
  public String excludedAgent() {
    return excludedAgent;
  }

  @Override
  public void offer(List<Offer> offers) {
    onOffer.accept(offers);
  }
}

package org.atalaya.core.calls;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.atalaya.core.routing.Offer;
import org.atalaya.core.routing.WaitingCall;

/**
 * A customer call as the ACD sees it while it waits. Kept apart from {@link CustomerCall} so that
 * the ACD, which calls it under its own lock, reaches none of the call's mailbox-confined state.
 */
final class QueueEntry implements WaitingCall {
  private final Instant queuedAt;
  private final String excludedAgent;
  private final Consumer<Offer> onOffer;
  private final Set<String> offeredTo = new HashSet<>(); // guarded by the ACD's lock

  /** {@code onOffer} runs under the ACD's lock: it must only post to the call's mailbox. */
  QueueEntry(Instant queuedAt, String excludedAgent, Consumer<Offer> onOffer) {
    this.queuedAt = queuedAt;
    this.excludedAgent = excludedAgent;
    this.onOffer = onOffer;
  }

  @Override
  public Instant queuedAt() {
    return queuedAt;
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
  public void offer(Offer offer) {
    onOffer.accept(offer);
  }
}

package org.atalaya.core.routing;

import java.time.Instant;
import java.util.Set;

/** A call waiting in the queue, as the ACD needs to see it. */
public interface WaitingCall {
  /** When the call entered the queue: earlier calls are served first. */
  Instant queuedAt();

  /** Agents already offered this call in the current round. */
  Set<String> offeredTo();

  /** An extension never to offer the call to (the caller itself, when an agent calls), or null. */
  String excludedAgent();

  /**
   * The ACD reserved an agent for this call. Called under the ACD's lock: post to the call's
   * mailbox and return.
   */
  void offer(Offer offer);
}

package org.atalaya.core.routing;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A call waiting in a queue, as the ACD needs to see it. */
public interface WaitingCall {
  /** When the call entered its first queue: earlier calls are served first, after overflow too. */
  Instant queuedAt();

  /**
   * The customer call's id, which the ACD passes on to its listeners while an agent rings for,
   * talks on or wraps up after it (the agents' state history says which call each handled).
   */
  String callId();

  /** The queue the call waits in now. */
  String queue();

  /** Agents already offered this call in the current round. */
  Set<String> offeredTo();

  /** The one agent this call is for (an IVR's "go to agent"), or null for anyone the queue takes. */
  String targetAgent();

  /** An extension never to offer the call to (the caller itself, when an agent calls), or null. */
  String excludedAgent();

  /**
   * The ACD reserved agents for this call: one, or every free one for ring-all. Called under the
   * ACD's lock: post to the call's mailbox and return.
   */
  void offer(List<Offer> offers);
}

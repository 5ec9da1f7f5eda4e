package org.atalaya.core.calls;

import java.time.Instant;

/**
 * A live call as the dashboard and {@code GET /api/v1/calls/active} show it.
 *
 * @param id Atalaya's call id
 * @param tenantId the tenant
 * @param fromNumber caller's number
 * @param fromName caller's display name or empty
 * @param toNumber dialled number
 * @param queue the queue
 * @param agentExtension the agent ringing or talking, or null
 * @param state where the call is
 * @param startedAt when it arrived
 * @param answeredAt when the agent answered, or null
 * @param sensitive the sensitive segment (card data) is on: recording and monitors are paused
 */
public record ActiveCall(
    String id,
    String tenantId,
    String fromNumber,
    String fromName,
    String toNumber,
    String queue,
    String agentExtension,
    State state,
    Instant startedAt,
    Instant answeredAt,
    boolean sensitive) {

  public ActiveCall(String id, String tenantId, String fromNumber, String fromName, String toNumber, String queue,
      String agentExtension, State state, Instant startedAt, Instant answeredAt) {
    this(id, tenantId, fromNumber, fromName, toNumber, queue, agentExtension, state, startedAt, answeredAt, false);
  }

  /** The states a live call goes through. */
  public enum State {
    /** The caller is in the IVR: hearing its prompts, choosing from its menus. */
    IVR,
    /** Waiting for an agent to be free. */
    QUEUED,
    /** The caller chose to be called back and hung up; the call keeps its place in the queue. */
    CALLBACK,
    /** An agent's phone is ringing. */
    RINGING,
    /** Customer and agent are bridged. */
    CONNECTED,
    /** One side put the other on hold. */
    ON_HOLD,
    /** The agent is consulting another agent before handing the caller over; the caller hears music. */
    TRANSFERRING,
    /** The caller hears a message before hang-up (no agent). */
    ANNOUNCING
  }
}

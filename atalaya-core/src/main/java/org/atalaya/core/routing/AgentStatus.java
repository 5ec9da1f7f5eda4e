package org.atalaya.core.routing;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of one agent's presence.
 *
 * @param extension the agent's extension
 * @param state the current state
 * @param since when the state began
 * @param idleSince when the agent last became free after a call (or logged in), for longest idle
 * @param contactUri the registered contact, or null when offline
 * @param pauseReason why the agent is paused (or will pause after the call), else null
 * @param calls calls answered since logging in
 * @param talk talk time since logging in
 */
public record AgentStatus(String extension, AgentState state, Instant since, Instant idleSince, String contactUri,
    String pauseReason, int calls, Duration talk) {}

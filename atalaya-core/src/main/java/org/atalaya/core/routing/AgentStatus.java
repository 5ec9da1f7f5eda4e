package org.atalaya.core.routing;

import java.time.Instant;

/**
 * A snapshot of one agent's presence.
 *
 * @param extension the agent's extension
 * @param state the current state
 * @param since when the state began
 * @param idleSince when the agent last finished a call (or registered), for longest-idle routing
 * @param contactUri the registered contact, or null when offline
 */
public record AgentStatus(String extension, AgentState state, Instant since, Instant idleSince, String contactUri) {}

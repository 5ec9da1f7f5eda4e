package org.atalaya.core.routing;

/**
 * One agent state change as the ACD reports it to its listeners.
 *
 * @param status the agent's new status
 * @param callId the customer call the agent is ringing for, talking on or wrapping up after, as
 *     the ACD offered it ({@link WaitingCall#callId()}); null in the other states or when unknown
 */
public record AgentChange(AgentStatus status, String callId) {}

package org.atalaya.core.recording.policy;

/**
 * What a recording policy looks at when a call is answered.
 *
 * @param queue the queue it came through
 * @param agent the agent who answered
 * @param direction INBOUND or OUTBOUND
 * @param caller the caller's number
 * @param newCustomer no earlier call from this number in the tenant
 */
public record CallTraits(String queue, String agent, String direction, String caller, boolean newCustomer) {}

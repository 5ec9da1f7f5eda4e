package org.atalaya.core.monitoring;

import java.time.Instant;

/**
 * An agent's "need help" signal on a call, until acknowledged or the call ends.
 *
 * @param via WEB (the agent's page) or DTMF (*0 on the phone)
 */
public record HelpRequest(String tenantId, String callId, String agentExtension, Instant raisedAt, String via) {}

package org.atalaya.core.sla;

import java.time.Instant;

/**
 * One attempt to POST a breach to a webhook URL, kept so an admin can see what failed.
 *
 * @param attempt 1 for the first try
 * @param status the HTTP status answered, or null when there was no answer
 * @param error why it failed (connection refused, timeout, "HTTP 500"), or null when delivered
 * @param delivered a 2xx answer
 */
public record WebhookDelivery(String id, String tenantId, String breachId, String url, int attempt, Instant at,
    Integer status, String error, boolean delivered) {}

package org.atalaya.core.users;

import java.time.Instant;

/**
 * A token an integration uses instead of a password; it acts as its owner, with the owner's role
 * and tenant. The secret itself is never stored.
 *
 * @param lastUsedAt null until first used; updated at most once a minute
 */
public record ApiToken(long id, String tenantId, String login, String name, Instant createdAt, Instant lastUsedAt) {}

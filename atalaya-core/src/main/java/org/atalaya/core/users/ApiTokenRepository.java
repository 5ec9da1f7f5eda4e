package org.atalaya.core.users;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores API tokens by the SHA-256 (hex) of their secret. */
public interface ApiTokenRepository {
  ApiToken insert(String tenantId, String login, String name, String secretHash, Instant createdAt);

  Optional<ApiToken> bySecretHash(String secretHash);

  /** A tenant's tokens, newest first; only {@code login}'s when it is not null. */
  List<ApiToken> list(String tenantId, String login);

  Optional<ApiToken> byId(String tenantId, long id);

  /** True if the token existed in the tenant. */
  boolean delete(String tenantId, long id);

  void touch(long id, Instant usedAt);
}

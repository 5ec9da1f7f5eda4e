package org.atalaya.core.users;

import java.util.List;
import java.util.Optional;
import org.atalaya.core.agents.AgentRepository.DuplicateException;

/** Stores users. Logins are unique per installation. */
public interface UserRepository {
  /** Inserts (id and createdAt of the argument are ignored) and returns the user as stored. */
  User insert(User user) throws DuplicateException;

  Optional<User> byLogin(String login);

  /** All users of a tenant, by login. */
  List<User> list(String tenantId);

  /** Replaces the password hash; true if the user exists. */
  boolean updatePassword(String login, String passwordHash);
}

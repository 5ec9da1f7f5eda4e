package org.atalaya.core.users;

import com.password4j.Password;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.atalaya.core.agents.AgentRepository.DuplicateException;

/** Creates users and checks their passwords (Argon2id). */
public final class UserAccounts {
  private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9._@-]{2,64}");
  // A hash of a random password, checked when the login is unknown so that the response time
  // does not reveal which logins exist.
  private static final String DUMMY_HASH = Password.hash("not-a-real-password-4f1c").addRandomSalt().withArgon2().getResult();

  private final UserRepository repository;
  private final Clock clock;

  public UserAccounts(UserRepository repository, Clock clock) {
    this.repository = Objects.requireNonNull(repository);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * Adds a user. IllegalArgumentException with a user-fit message on bad input; DuplicateException
   * if the login is taken.
   */
  public User add(String tenantId, String login, String password, Role role, String agentExtension)
      throws DuplicateException {
    if (login == null || !LOGIN.matcher(login).matches()) {
      throw new IllegalArgumentException("login must be 2 to 64 letters, digits or . _ @ -");
    }
    checkPassword(password);
    Objects.requireNonNull(role, "role");
    if (role == Role.AGENT && (agentExtension == null || agentExtension.isBlank())) {
      throw new IllegalArgumentException("a user with role agent needs the agent's extension");
    }
    return repository.insert(new User(0, tenantId, login, role, hash(password), agentExtension, clock.instant()));
  }

  /** The user if the login exists and the password matches. */
  public Optional<User> authenticate(String login, String password) {
    if (login == null || password == null) {
      return Optional.empty();
    }
    Optional<User> user = repository.byLogin(login);
    String hash = user.map(User::passwordHash).orElse(DUMMY_HASH);
    boolean ok = Password.check(password, hash).withArgon2();
    return ok ? user : Optional.empty();
  }

  public List<User> list(String tenantId) {
    return repository.list(tenantId);
  }

  public boolean changePassword(String login, String password) {
    checkPassword(password);
    return repository.updatePassword(login, hash(password));
  }

  private static void checkPassword(String password) {
    if (password == null || password.length() < 8 || password.length() > 256) {
      throw new IllegalArgumentException("password must be 8 to 256 characters");
    }
  }

  private static String hash(String password) {
    return Password.hash(password).addRandomSalt().withArgon2().getResult();
  }
}

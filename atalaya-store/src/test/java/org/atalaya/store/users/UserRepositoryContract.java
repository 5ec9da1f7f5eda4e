package org.atalaya.store.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.atalaya.core.agents.AgentRepository.DuplicateException;
import org.atalaya.core.users.Role;
import org.atalaya.core.users.User;
import org.atalaya.core.users.UserRepository;
import org.junit.jupiter.api.Test;

/** What every UserRepository must do; implemented once per database. */
public interface UserRepositoryContract {
  UserRepository users();

  static User user(String tenant, String login, Role role, String ext) {
    return new User(0, tenant, login, role, "$argon2id$hash-" + login, ext, Instant.parse("2026-11-22T10:00:00Z"));
  }

  @Test
  default void insertAndFindByLogin() throws Exception {
    User stored = users().insert(user("t1", "ana", Role.AGENT, "1001"));
    assertThat(stored.id()).isPositive();
    assertThat(stored).usingRecursiveComparison().ignoringFields("id").isEqualTo(user("t1", "ana", Role.AGENT, "1001"));
    assertThat(users().byLogin("ana")).contains(stored);
    assertThat(users().byLogin("nobody")).isEmpty();
  }

  @Test
  default void duplicateLoginIsRejected() throws Exception {
    users().insert(user("t1", "boss", Role.ADMIN, null));
    assertThatThrownBy(() -> users().insert(user("t2", "boss", Role.AUDITOR, null)))
        .isInstanceOf(DuplicateException.class);
  }

  @Test
  default void usersListScopedToTenant() throws Exception {
    users().insert(user("t1", "zoe", Role.SUPERVISOR, null));
    users().insert(user("t1", "bob", Role.QA_ANALYST, null));
    users().insert(user("t2", "eve", Role.CLIENT_VIEWER, null));
    assertThat(users().list("t1")).extracting(User::login).containsExactly("bob", "zoe");
    assertThat(users().list("t2")).extracting(User::login).containsExactly("eve");
  }

  @Test
  default void updatePassword() throws Exception {
    users().insert(user("t1", "carl", Role.ADMIN, null));
    assertThat(users().updatePassword("carl", "new-hash")).isTrue();
    assertThat(users().byLogin("carl").orElseThrow().passwordHash()).isEqualTo("new-hash");
    assertThat(users().updatePassword("ghost", "x")).isFalse();
  }
}

package org.atalaya.store.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.atalaya.core.agents.Agent;
import org.atalaya.core.agents.AgentRepository;
import org.junit.jupiter.api.Test;

/** What every AgentRepository must do; implemented once per database. */
public interface AgentRepositoryContract {
  Instant T0 = Instant.parse("2026-11-22T10:00:00.123Z");

  AgentRepository agents();

  static Agent agent(String tenant, String ext) {
    return new Agent(0, tenant, ext, "Agent " + ext, "0123456789abcdef0123456789abcdef", T0);
  }

  @Test
  default void insertReturnsStoredAgentWithId() throws Exception {
    Agent stored = agents().insert(agent("t1", "1001"));
    assertThat(stored.id()).isPositive();
    assertThat(stored).usingRecursiveComparison().ignoringFields("id").isEqualTo(agent("t1", "1001"));
    assertThat(agents().byExtension("1001")).contains(stored);
  }

  @Test
  default void duplicateExtensionIsRejectedEvenAcrossTenants() throws Exception {
    agents().insert(agent("t1", "1002"));
    assertThatThrownBy(() -> agents().insert(agent("t2", "1002")))
        .isInstanceOf(AgentRepository.DuplicateException.class);
  }

  @Test
  default void agentsListByExtensionAndScopedToTenant() throws Exception {
    agents().insert(agent("t1", "2002"));
    agents().insert(agent("t1", "2001"));
    agents().insert(agent("t2", "2003"));
    assertThat(agents().list("t1")).extracting(Agent::extension).containsExactly("2001", "2002");
    assertThat(agents().list("t2")).extracting(Agent::extension).containsExactly("2003");
    assertThat(agents().list("nobody")).isEmpty();
  }

  @Test
  default void deleteOnlyInOwnTenant() throws Exception {
    agents().insert(agent("t1", "3001"));
    assertThat(agents().delete("t2", "3001")).isFalse();
    assertThat(agents().byExtension("3001")).isPresent();
    assertThat(agents().delete("t1", "3001")).isTrue();
    assertThat(agents().byExtension("3001")).isEmpty();
    assertThat(agents().delete("t1", "3001")).isFalse();
  }
}

package org.atalaya.core.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentAccountsTest {
  @Test
  void ha1MatchesTheRfc2617Example() {
    // RFC 2617 section 3.5: Mufasa / testrealm@host.com / Circle Of Life.
    assertThat(AgentAccounts.ha1("Mufasa", "testrealm@host.com", "Circle Of Life"))
        .isEqualTo("939e7578ed9e3c518a452acee763bce9");
  }
}

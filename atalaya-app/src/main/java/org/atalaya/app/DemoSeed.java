package org.atalaya.app;

import java.util.List;
import org.atalaya.core.agents.AgentRepository.DuplicateException;
import org.atalaya.core.users.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The demo's agents and users, created on first start and left alone afterwards. */
final class DemoSeed {
  private static final Logger LOG = LoggerFactory.getLogger(DemoSeed.class);

  /** A demo agent's SIP account. */
  record DemoAccount(String extension, String password, String name) {}

  static final List<DemoAccount> AGENTS = List.of(
      new DemoAccount("2001", "demo-2001", "Ana García"),
      new DemoAccount("2002", "demo-2002", "Luis Fernández"),
      new DemoAccount("2003", "demo-2003", "Mary Smith"));

  static final String ADMIN_LOGIN = "admin";
  static final String ADMIN_PASSWORD = "atalaya-demo";
  static final String SUPERVISOR_LOGIN = "supervisor";

  private DemoSeed() {}

  static void ensure(Node node) {
    String tenant = node.config().tenant();
    for (DemoAccount a : AGENTS) {
      try {
        node.agentAccounts().add(tenant, a.extension(), a.password(), a.name());
        LOG.info("demo agent {} ({}) created", a.extension(), a.name());
      } catch (DuplicateException e) {
        // created on an earlier start
      }
    }
    addUser(node, ADMIN_LOGIN, Role.ADMIN, null);
    addUser(node, SUPERVISOR_LOGIN, Role.SUPERVISOR, null);
    addUser(node, "ana", Role.AGENT, "2001");
  }

  private static void addUser(Node node, String login, Role role, String extension) {
    try {
      node.userAccounts().add(node.config().tenant(), login, ADMIN_PASSWORD, role, extension);
    } catch (DuplicateException e) {
      // created on an earlier start
    }
  }
}

package org.atalaya.app.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.atalaya.app.config.AtalayaConfig;
import org.atalaya.core.agents.Agent;
import org.atalaya.core.agents.AgentAccounts;
import org.atalaya.store.Database;
import org.atalaya.store.agents.JdbiAgentRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code atalaya agent add|list|remove}: agents' SIP accounts, straight in the database. */
@Command(name = "agent", mixinStandardHelpOptions = true, description = "Manage agents' SIP accounts.",
    subcommands = {AgentCommand.Add.class, AgentCommand.ListAgents.class, AgentCommand.Remove.class})
public class AgentCommand {

  /** Adds an agent. */
  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an agent (a SIP account).")
  public static class Add implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Option(names = "--ext", required = true, description = "extension and SIP user, 2-10 digits")
    String extension;

    @Option(names = "--password", required = true, description = "SIP password, 6-128 characters")
    String password;

    @Option(names = "--name", description = "display name")
    String name;

    @Option(names = "--tenant", defaultValue = "default", description = "tenant (default: ${DEFAULT-VALUE})")
    String tenant;

    @Override
    public Integer call() throws Exception {
      AtalayaConfig cfg = config.load();
      try (Database db = ConfigOption.open(cfg)) {
        AgentAccounts accounts = new AgentAccounts(new JdbiAgentRepository(db.jdbi()), cfg.sipRealm(), Clock.systemUTC());
        Agent a = accounts.add(tenant, extension, password, name);
        System.out.printf("agent %s (%s) added; register as sip:%s@%s:%d, realm %s%n",
            a.extension(), a.name(), a.extension(), cfg.sipAdvertised(), cfg.sipPort(), cfg.sipRealm());
      }
      return 0;
    }
  }

  /** Lists agents. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List agents.")
  public static class ListAgents implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Option(names = "--tenant", defaultValue = "default")
    String tenant;

    @Override
    public Integer call() {
      AtalayaConfig cfg = config.load();
      try (Database db = ConfigOption.open(cfg)) {
        new JdbiAgentRepository(db.jdbi()).list(tenant)
            .forEach(a -> System.out.printf("%-10s %s%n", a.extension(), a.name()));
      }
      return 0;
    }
  }

  /** Removes an agent. */
  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an agent.")
  public static class Remove implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Option(names = "--ext", required = true)
    String extension;

    @Option(names = "--tenant", defaultValue = "default")
    String tenant;

    @Override
    public Integer call() {
      AtalayaConfig cfg = config.load();
      try (Database db = ConfigOption.open(cfg)) {
        boolean removed = new JdbiAgentRepository(db.jdbi()).delete(tenant, extension);
        System.out.println(removed ? "agent " + extension + " removed" : "no agent " + extension);
        return removed ? 0 : 1;
      }
    }
  }
}

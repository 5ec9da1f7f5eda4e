package org.atalaya.app.cli;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.atalaya.app.config.AtalayaConfig;
import org.atalaya.core.users.LoginGuard;
import org.atalaya.core.users.Role;
import org.atalaya.core.users.User;
import org.atalaya.core.users.UserAccounts;
import org.atalaya.store.Database;
import org.atalaya.store.audit.JdbiAuditLog;
import org.atalaya.store.users.JdbiLoginAttempts;
import org.atalaya.store.users.JdbiUserRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code atalaya user add|list|unlock}: web and API users. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage web and API users.",
    subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Unlock.class})
public class UserCommand {

  /** Adds a user; without --password one is generated and printed once. */
  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user.")
  public static class Add implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Option(names = "--login", required = true)
    String login;

    @Option(names = "--role", required = true,
        description = "admin, supervisor, qa-analyst, agent, auditor or client-viewer")
    String role;

    @Option(names = "--password", description = "8-256 characters; generated and printed if omitted")
    String password;

    @Option(names = {"--agent-ext", "--extension"},
        description = "the user's phone extension: for an agent, whose calls are theirs; for a supervisor, the phone that monitors (feature codes, call me)")
    String agentExtension;

    @Option(names = "--tenant", defaultValue = "default")
    String tenant;

    @Override
    public Integer call() throws Exception {
      Role r = Role.parse(role);
      boolean generated = password == null;
      String pw = generated ? generatePassword() : password;
      AtalayaConfig cfg = config.load();
      try (Database db = ConfigOption.open(cfg)) {
        User u = new UserAccounts(new JdbiUserRepository(db.jdbi()), Clock.systemUTC())
            .add(tenant, login, pw, r, agentExtension);
        System.out.printf("user %s (%s) added%n", u.login(), u.role().label());
        if (generated) {
          System.out.println("password: " + pw + "   (shown once: keep it safe)");
        }
      }
      return 0;
    }

    private static String generatePassword() {
      String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
      SecureRandom random = new SecureRandom();
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      return sb.toString();
    }
  }

  /** Lists users. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
  public static class ListUsers implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Option(names = "--tenant", defaultValue = "default")
    String tenant;

    @Override
    public Integer call() {
      AtalayaConfig cfg = config.load();
      try (Database db = ConfigOption.open(cfg)) {
        new UserAccounts(new JdbiUserRepository(db.jdbi()), Clock.systemUTC()).list(tenant)
            .forEach(u -> System.out.printf("%-20s %s%n", u.login(), u.role().label()));
      }
      return 0;
    }
  }

  /**
   * Break glass: lifts every login lockout of a user, from every address, and audits it. Run on
   * the node's machine (it needs the data directory or the database's credentials).
   */
  @Command(name = "unlock", mixinStandardHelpOptions = true, description = "Lift a user's login lockouts.")
  public static class Unlock implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Option(names = "--login", required = true)
    String login;

    @Override
    public Integer call() {
      AtalayaConfig cfg = config.load();
      try (Database db = ConfigOption.open(cfg)) {
        JdbiUserRepository users = new JdbiUserRepository(db.jdbi());
        Clock clock = Clock.systemUTC();
        int n = new LoginGuard(new UserAccounts(users, clock), users,
            new JdbiLoginAttempts(db.jdbi()), new JdbiAuditLog(db.jdbi()),
            clock).unlock(login, "cli");
        System.out.printf("%s: %d locked or counting address(es) cleared%n", login, n);
      }
      return 0;
    }
  }
}

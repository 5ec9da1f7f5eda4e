package org.atalaya.app.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.atalaya.store.Database;
import org.atalaya.store.audit.JdbiAuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code atalaya audit verify}: checks the audit log's hash chain. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit log tools.",
    subcommands = {AuditCommand.Verify.class})
public class AuditCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("use: atalaya audit verify [-c FILE]");
    return 2;
  }

  /** Exit 0 when every row is intact, 1 naming the first edited or missing row. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check that no audit row was edited, inserted or removed.")
  public static class Verify implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Override
    public Integer call() throws Exception {
      try (Database db = ConfigOption.open(config.load())) {
        long rows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one());
        Optional<Long> bad = new JdbiAuditLog(db.jdbi()).verify();
        if (bad.isEmpty()) {
          System.out.printf("audit log intact: %d rows%n", rows);
          return 0;
        }
        System.out.printf("AUDIT LOG TAMPERED: row %d (or the one before it was removed) does not match the chain;"
            + " %d rows present%n", bad.get(), rows);
        return 1;
      }
    }
  }
}

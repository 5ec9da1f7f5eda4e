package org.atalaya.app.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.atalaya.app.Vaults;
import org.atalaya.app.config.AtalayaConfig;
import org.atalaya.core.retention.RetentionService;
import org.atalaya.store.Database;
import org.atalaya.store.audit.JdbiAuditLog;
import org.atalaya.store.retention.JdbiRetentionRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code atalaya purge [--dry-run]}: runs the retention purge now (the server also runs it daily). */
@Command(name = "purge", mixinStandardHelpOptions = true,
    description = "Delete recordings past their retention now (never those under a legal hold).")
public class PurgeCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(names = "--dry-run", description = "only count what would be deleted")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    AtalayaConfig cfg = config.load();
    try (Database db = ConfigOption.open(cfg);
          Vaults vault = Vaults.open(cfg, db, Clock.systemUTC())) {
      RetentionService retention = new RetentionService(new JdbiRetentionRepository(db.jdbi()), vault.store(),
          new JdbiAuditLog(db.jdbi()), Clock.systemUTC());
      RetentionService.PurgeResult r = retention.purge(dryRun);
      System.out.printf("%s%d deleted, %d kept under legal hold, %d failed%n", dryRun ? "dry run: " : "",
          r.deleted(), r.held(), r.failed());
      return r.failed() == 0 ? 0 : 1;
    }
  }
}

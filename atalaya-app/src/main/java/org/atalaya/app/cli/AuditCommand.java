package org.atalaya.app.cli;

import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.atalaya.app.Vaults;
import org.atalaya.app.config.AtalayaConfig;
import org.atalaya.core.audit.AuditCheckpoint;
import org.atalaya.core.audit.AuditCheckpoints;
import org.atalaya.core.audit.AuditVerification;
import org.atalaya.store.Database;
import org.atalaya.store.audit.JdbiAuditLog;
import org.atalaya.store.blob.S3BlobStore;
import org.atalaya.store.vault.MasterKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code atalaya audit verify}: checks the audit log's hash chain and its newest checkpoint. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit log tools.",
    subcommands = {AuditCommand.Verify.class})
public class AuditCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("use: atalaya audit verify [-c FILE]");
    return 2;
  }

  /**
   * Exit 0 when every row is intact and the log still reaches its newest checkpoint; 1 naming
   * the first edited row, the rows missing at the end, or a checkpoint that fails its signature;
   * 2 when checkpoints exist but no master key is at hand to check them.
   */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check that no audit row was edited, inserted or removed, the last ones included.")
  public static class Verify implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Override
    public Integer call() throws Exception {
      AtalayaConfig cfg = config.load();
      // Never creates a master key: one the node does not use would only make every signature fail.
      Optional<MasterKey> master = MasterKey.loadIfPresent(System.getenv(MasterKey.ENV), cfg.masterKeyFile());
      if (master.isEmpty() && (cfg.blobsOnS3() || Files.exists(Vaults.checkpointFile(cfg)))) {
        System.err.println("error: audit checkpoints exist but no master key is here to check them: set "
            + MasterKey.ENV + " or provide " + cfg.masterKeyFile());
        return 2;
      }
      try (Database db = ConfigOption.open(cfg);
          S3BlobStore bucket = cfg.blobsOnS3() ? new S3BlobStore(cfg.s3Blobs()) : null) {
        AuditCheckpoints checkpoints = master.isEmpty() ? AuditCheckpoints.NONE
            : Vaults.auditCheckpoints(cfg, master.get(), bucket);
        AuditVerification.Report report = AuditVerification.check(new JdbiAuditLog(db.jdbi()), checkpoints);
        if (report.intact()) {
          System.out.printf("audit log intact: %d rows; %s%n", report.rows(), report.checkpoint()
              .map(cp -> "matches the checkpoint of " + cp.at() + " (row " + cp.seq() + ")")
              .orElse("no checkpoint yet"));
          return 0;
        }
        for (String problem : report.problems()) {
          System.out.println("AUDIT LOG TAMPERED: " + problem);
        }
        System.out.println(report.checkpoint().map(AuditCommand::describe).orElse("no checkpoint yet"));
        return 1;
      }
    }
  }

  private static String describe(AuditCheckpoint cp) {
    return "newest valid checkpoint: row " + cp.seq() + " of " + cp.rows() + " rows, " + cp.at();
  }
}

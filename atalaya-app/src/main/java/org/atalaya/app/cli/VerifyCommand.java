package org.atalaya.app.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.atalaya.app.Vaults;
import org.atalaya.app.config.AtalayaConfig;
import org.atalaya.core.recording.RecordingVerifier;
import org.atalaya.store.Database;
import org.atalaya.store.recording.JdbiRecordingRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code atalaya verify}: decrypts every finished recording and compares it with the SHA-256
 * stored at finalize. Exit 0 when all are intact, 1 when any is tampered, corrupt or missing.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check every recording against the hash stored when it was finalized.")
public class VerifyCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(names = "--quiet", description = "print only problems and the summary")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    AtalayaConfig cfg = config.load();
    try (Database db = ConfigOption.open(cfg);
          Vaults vault = Vaults.open(cfg, db, Clock.systemUTC())) {
      RecordingVerifier verifier = new RecordingVerifier(new JdbiRecordingRepository(db.jdbi()), vault.store());
      RecordingVerifier.Summary s = verifier.verifyAll(f -> {
        boolean problem = f.verdict() != RecordingVerifier.Verdict.OK && f.verdict() != RecordingVerifier.Verdict.SKIPPED;
        if (problem || !quiet) {
          System.out.printf("%-8s %s tenant=%s call=%s %s%n", f.verdict(), f.recording().id(),
              f.recording().tenantId(), f.recording().callId(), f.detail());
        }
      });
      System.out.printf("%d ok, %d tampered, %d corrupt, %d missing, %d skipped%n",
          s.ok(), s.tampered(), s.corrupt(), s.missing(), s.skipped());
      System.out.println(s.intact() ? "recordings intact" : "RECORDINGS FAILED VERIFICATION");
      return s.intact() ? 0 : 1;
    }
  }
}

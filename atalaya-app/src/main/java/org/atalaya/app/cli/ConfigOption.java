package org.atalaya.app.cli;

import java.nio.file.Path;
import org.atalaya.app.config.AtalayaConfig;
import org.atalaya.app.config.ConfigLoader;
import org.atalaya.store.Database;
import picocli.CommandLine.Option;

/** The --config option every command shares. */
public final class ConfigOption {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "properties file overriding the defaults")
  Path file;

  public AtalayaConfig load() {
    return ConfigLoader.load(file, System.getenv());
  }

  /** Opens (and migrates) the configured database, for commands that work on it directly. */
  static Database open(AtalayaConfig cfg) {
    return Database.open(cfg.effectiveDbUrl(), cfg.dbUser(), cfg.dbPassword());
  }
}

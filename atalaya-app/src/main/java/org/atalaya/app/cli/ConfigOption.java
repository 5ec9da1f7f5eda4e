package org.atalaya.app.cli;

import java.nio.file.Path;
import org.atalaya.app.config.AtalayaConfig;
import org.atalaya.app.config.ConfigLoader;
import picocli.CommandLine.Option;

/** The --config option every command shares. */
public final class ConfigOption {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "properties file overriding the defaults")
  Path file;

  public AtalayaConfig load() {
    return ConfigLoader.load(file, System.getenv());
  }
}

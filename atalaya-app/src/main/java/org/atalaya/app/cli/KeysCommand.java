package org.atalaya.app.cli;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.atalaya.app.Vaults;
import org.atalaya.app.config.AtalayaConfig;
import org.atalaya.store.Database;
import org.atalaya.store.vault.MasterKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code atalaya keys list|rotate|new-master}: the tenant keys that protect recordings. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the keys that encrypt recordings.",
    subcommands = {KeysCommand.ListKeys.class, KeysCommand.Rotate.class, KeysCommand.NewMaster.class})
public class KeysCommand {

  /** Lists tenants, their key ids (primary first) and how many recording keys each wraps. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tenant keys.")
  public static class ListKeys implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Override
    public Integer call() throws Exception {
      AtalayaConfig cfg = config.load();
      try (Database db = ConfigOption.open(cfg);
            Vaults vault = Vaults.open(cfg, db, Clock.systemUTC())) {
        for (String tenant : vault.keyring().tenants()) {
          List<Long> ids = vault.keyring().keyIds(tenant);
          var counts = vault.keys().countByTenantKey(tenant);
          StringBuilder line = new StringBuilder("tenant " + tenant + ":");
          for (int i = 0; i < ids.size(); i++) {
            line.append(' ').append(ids.get(i)).append(i == 0 ? " (primary)" : "")
                .append(" wraps ").append(counts.getOrDefault(ids.get(i), 0)).append(';');
          }
          System.out.println(line);
        }
      }
      return 0;
    }
  }

  /**
   * Adds a new primary key for a tenant. With --rewrap every recording key is re-encrypted under
   * it (seconds, not hours: the audio is never touched).
   */
  @Command(name = "rotate", mixinStandardHelpOptions = true, description = "Rotate a tenant's key.")
  public static class Rotate implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Option(names = "--tenant", defaultValue = "default")
    String tenant;

    @Option(names = "--rewrap", description = "re-wrap every recording key of the tenant under the new key")
    boolean rewrap;

    @Override
    public Integer call() throws Exception {
      AtalayaConfig cfg = config.load();
      try (Database db = ConfigOption.open(cfg);
            Vaults vault = Vaults.open(cfg, db, Clock.systemUTC())) {
        long id = vault.keyring().rotate(tenant);
        System.out.println("tenant " + tenant + ": new primary key " + id);
        if (rewrap) {
          System.out.println("re-wrapped " + vault.keys().rewrap(tenant) + " recording keys");
        }
      }
      return 0;
    }
  }

  /** Prints a fresh master key to put in ATALAYA_MASTER_KEY for a new installation. */
  @Command(name = "new-master", mixinStandardHelpOptions = true,
      description = "Print a new random master key (base64) for ATALAYA_MASTER_KEY.")
  public static class NewMaster implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.println(MasterKey.generate());
      return 0;
    }
  }
}

package org.atalaya.app.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.atalaya.app.DemoLauncher;
import org.atalaya.app.Node;
import org.atalaya.app.config.AtalayaConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code atalaya run}: starts the node and serves until interrupted. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start Atalaya (SIP, media, web).")
public class RunCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(names = "--demo", description = "also start simulated agents and customers placing real calls")
  boolean demo;

  @Override
  public Integer call() throws Exception {
    AtalayaConfig cfg = config.load();
    return serve(demo || cfg.demoEnabled() ? cfg.withDemo(true) : cfg);
  }

  static int serve(AtalayaConfig cfg) throws Exception {
    Node node = Node.start(cfg, Clock.systemUTC());
    AutoCloseable demo = cfg.demoEnabled() ? DemoLauncher.start(node) : () -> {};
    Stopper stopper = new Stopper(node, demo);
    stopper.install();
    stopper.awaitStopped();
    return 0;
  }

  /** {@code atalaya demo}: the same as {@code run --demo}. */
  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = "Start Atalaya with demo agents and customers placing real SIP calls.")
  public static class Demo implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Override
    public Integer call() throws Exception {
      return serve(config.load().withDemo(true));
    }
  }
}

package org.atalaya.app;

import java.util.Random;
import org.atalaya.app.demo.DemoAgent;
import org.atalaya.app.demo.DemoTraffic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Seeds the demo accounts and starts simulated agents and customers against a running node. */
public final class DemoLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(DemoLauncher.class);

  private DemoLauncher() {}

  /** Returns what stops the simulated traffic. */
  public static AutoCloseable start(Node node) throws Exception {
    DemoSeed.ensure(node);
    DemoTraffic.Settings d = DemoTraffic.Settings.defaults();
    DemoTraffic.Settings settings = new DemoTraffic.Settings(d.localHost(), d.callIntervalMin(), d.callIntervalMax(),
        node.config().demoCustomersMaxConcurrent(), d.callLengthMin(), d.callLengthMax(), d.answerDelayMin(),
        d.answerDelayMax(), d.giveUpAfter(), d.dialedNumber());
    DemoTraffic traffic = new DemoTraffic("127.0.0.1", node.config().sipPort(),
        DemoSeed.AGENTS.stream().map(a -> new DemoAgent(a.extension(), a.password(), a.name())).toList(),
        new Random(), settings);
    int registered = traffic.start();
    LOG.info("demo: {} agents registered; customers call every 8-15 s. Web: http://localhost:{}/ (login {} / {})",
        registered, node.webPort(), DemoSeed.ADMIN_LOGIN, DemoSeed.ADMIN_PASSWORD);
    return traffic;
  }
}

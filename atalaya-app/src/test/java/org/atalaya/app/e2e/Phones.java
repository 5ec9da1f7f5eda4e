package org.atalaya.app.e2e;

import java.nio.file.Path;
import java.util.Map;

/**
 * The two sipp peers most end-to-end tests need: an agent's phone that answers and speaks a tone,
 * and a customer who calls the default queue (service 5000) and speaks a tone. Both use G.711 μ-law
 * and send their RTP from a free even port.
 */
final class Phones {
  private Phones() {}

  /**
   * An agent's phone on {@code port}: answers {@code calls} calls after 200 ms, speaks {@code hz}
   * into each, and waits for Atalaya's BYE (scenario {@code agent-answer}).
   */
  static Sipp agent(Path dir, String name, int port, RtpProbe ear, double hz, int calls, int timeoutSeconds)
      throws Exception {
    return Sipp.start(dir.resolve(name), "agent-answer",
        Map.of("RTPPORT", "" + ear.port(), "PT", "0", "CODEC", "PCMU", "TONE", ToneFiles.write(dir, hz, 0).toString(),
            "ANSWERDELAY", "200"),
        "-p", "" + port, "-m", "" + calls, "-timeout", "" + timeoutSeconds, "-mp", "" + (NodeHarness.freePort() & ~1));
  }

  /**
   * A customer calling the default queue of the node at {@code sipPort}: speaks {@code hz} for
   * {@code talkMs} after the answer, then hangs up (scenario {@code customer-call}).
   */
  static Sipp customer(Path dir, String name, int sipPort, RtpProbe ear, double hz, int talkMs, int timeoutSeconds)
      throws Exception {
    return Sipp.start(dir.resolve(name), "customer-call",
        Map.of("RTPPORT", "" + ear.port(), "PT", "0", "CODEC", "PCMU", "TONE", ToneFiles.write(dir, hz, 0).toString(),
            "TALKMS", "" + talkMs),
        "-s", "5000", "127.0.0.1:" + sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1",
        "-timeout", "" + timeoutSeconds, "-mp", "" + (NodeHarness.freePort() & ~1));
  }
}

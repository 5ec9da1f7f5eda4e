package org.atalaya.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DemoTraffic's customers against sipp standing in for the server (it answers every call). */
class DemoTrafficTest {
  private static final String HOST = "127.0.0.1";

  @TempDir Path dir;

  @Test
  void placesPacedCustomerCallsThatHangUpThemselves() throws Exception {
    int port = SoftPhone.freeUdpPort(HOST);
    Process sipp = new ProcessBuilder("sipp", "-sn", "uas", "-i", HOST, "-p", String.valueOf(port),
        "-mi", HOST, "-mp", String.valueOf(SoftPhone.freeUdpPort(HOST)), "-rtp_echo", "-m", "2",
        "-timeout", "25s", "-timeout_error", "-nostdin")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(new File(dir.toFile(), "sipp.out")).start();
    try {
      Thread.sleep(300);
      var fast = new DemoTraffic.Settings(HOST, Duration.ofMillis(200), Duration.ofMillis(400), 1,
          Duration.ofMillis(1_000), Duration.ofMillis(1_500), Duration.ofMillis(100), Duration.ofMillis(200),
          Duration.ofSeconds(5), "900100200");
      try (DemoTraffic demo = new DemoTraffic(HOST, port, List.of(), new SplittableRandom(42), fast)) {
        assertThat(demo.start()).isZero();
        // sipp ends after two complete calls, each BYE'd by our customer: never more than one at once
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (sipp.isAlive() && System.nanoTime() < deadline) {
          assertThat(demo.customerCalls().size()).isLessThanOrEqualTo(1);
          Thread.sleep(50);
        }
        assertThat(sipp.isAlive()).as("sipp still waiting for calls").isFalse();
        assertThat(sipp.exitValue()).isZero();
        assertThat(demo.callsPlaced()).isGreaterThanOrEqualTo(2);
      }
    } finally {
      sipp.destroyForcibly();
    }
  }
}

package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.atalaya.app.config.AtalayaConfig;
import org.atalaya.core.calls.CallAdmission;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.core.users.Role;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admission against real sipp peers, with {@code calls.max-concurrent=1}: while one customer call
 * is up, the next caller gets 503 Service Unavailable with a Retry-After (sipp fails the call
 * without one) and leaves no call record; once the call has ended, the next one comes in. The rate
 * and overload limits' arithmetic is in CallAdmissionTest; the overload limit under real load is
 * measured by the load bench (docs/BENCHMARKS.md). The refusal is counted by reason on the
 * supervisor's dashboard, in the API and in headless Chromium.
 */
class CallAdmissionE2ETest {
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static Path customerTone;
  static Path agentTone;
  static int agentPort;

  @BeforeAll
  static void startNode() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 57500, 6, 8, c -> c.withCallLimits(
        new CallAdmission.Limits(1, 0, AtalayaConfig.DEFAULT_CALL_LIMITS.overloadDelay())));
    agentPort = atalaya.addRegisteredAgent(dir.resolve("reg"), "1101", "agent-pass-1101");
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "sup", "sup-secret-01", Role.SUPERVISOR, null);
    customerTone = ToneFiles.write(dir, 440, 0);
    agentTone = ToneFiles.write(dir, 1000, 0);
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void aCallerOverTheConcurrentLimitIsRefusedWith503AndRetryAfterAndTheNextAfterItIsLetIn() throws Exception {
    Instant started = atalaya.clock.instant();
    String first = answeredCall("first", 1, () -> {
      Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> atalaya.node.calls().list(Tenants.DEFAULT).size() == 1);
      try (Sipp refused = Sipp.start(dir.resolve("refused"), "customer-refused", Map.of(),
          "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "10")) {
        assertThat(refused.await(15)).as(refused.logs()).isZero();
      }
      assertThat(atalaya.node.calls().admission().refusedTotal()).isEqualTo(1);
    });
    atalaya.awaitNothingLeft();
    JsonNode admission = atalaya.getJson("/api/v1/dashboard").get("admission");
    assertThat(admission.get("refused").asLong()).isEqualTo(1);
    assertThat(admission.get("byReason").get("concurrent").asLong()).isEqualTo(1);
    assertThat(admission.get("byReason").get("overload").asLong()).isZero();
    assertThat(admission.get("byReason").get("rate").asLong()).isZero();
    assertThat(admission.get("maxConcurrent").asInt()).isEqualTo(1);
    assertThat(Instant.parse(admission.get("lastRefusedAt").asText())).isBetween(started, atalaya.clock.instant());
    aSupervisorSeesTheRefusalOnTheDashboard();
    String second = answeredCall("second", 2, () -> {});
    assertThat(second).as("a new call once the first ended").isNotEqualTo(first);
    assertThat(atalaya.node.calls().admission().refusedTotal()).isEqualTo(1);
    assertThat(atalaya.items("/api/v1/calls?limit=10").size()).as("the refused call left no record").isEqualTo(2);
  }

  /** The dashboard, in Spanish, says a caller was turned away and why. */
  private static void aSupervisorSeesTheRefusalOnTheDashboard() {
    String base = "http://127.0.0.1:" + atalaya.node.webPort();
    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright)) {
      Page dash = Chromium.login(browser.newContext(new Browser.NewContextOptions().setLocale("es-ES")).newPage(), base,
          "sup", "sup-secret-01");
      dash.navigate(base + "/dashboard");
      dash.waitForSelector("#refused:not([hidden])");
      assertThat(dash.textContent("#refused"))
          .contains("Llamadas rechazadas con 503 desde que arrancó Atalaya: 1,")
          .contains("(en el límite de llamadas simultáneas: 1)");
    }
  }

  /**
   * Places one answered 3 s call, runs {@code during} while it is up, waits for the node to hold
   * {@code records} call records; returns the newest one's id.
   */
  private static String answeredCall(String name, int records, ThrowingRunnable during) throws Exception {
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe customerEar = new RtpProbe();
        Sipp agent = Sipp.start(dir.resolve(name + "-agent"), "agent-answer",
            Map.of("RTPPORT", "" + agentEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", agentTone.toString(),
                "ANSWERDELAY", "200"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "30", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve(name + "-customer"), "customer-call",
            Map.of("RTPPORT", "" + customerEar.port(), "PT", "0", "CODEC", "PCMU", "TONE", customerTone.toString(),
                "TALKMS", "3000"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "30",
            "-mp", "" + (NodeHarness.freePort() & ~1))) {
      during.run();
      assertThat(customer.await(30)).as(customer.logs()).isZero();
      assertThat(agent.await(10)).as(agent.logs()).isZero();
    }
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> atalaya.items("/api/v1/calls?limit=10").size() == records);
    JsonNode call = atalaya.lastCall();
    assertThat(call.get("disposition").asText()).isEqualTo("ANSWERED");
    return call.get("id").asText();
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}

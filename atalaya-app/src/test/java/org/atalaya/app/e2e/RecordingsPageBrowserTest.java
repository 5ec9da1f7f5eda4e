package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supervisor's first look, in real headless Chromium: after one real call through sipp, log
 * in through the form, see the recording in the list and let the browser load its audio.
 */
class RecordingsPageBrowserTest {
  @TempDir static Path dir;
  static NodeHarness atalaya;

  @BeforeAll
  static void oneRecordedCall() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 37000, 5, 10);
    CallPathE2ETest.atalaya = atalaya;
    atalaya.addAgent("1301", "agent-pass-1301");
    int agentPort = NodeHarness.freePort();
    CallPathE2ETest.register(dir.resolve("reg"), agentPort, "1301", "agent-pass-1301");
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.acd().registeredAgents() == 1);
    Path tone = ToneFiles.write(dir, 440, 0);
    try (RtpProbe ears = new RtpProbe();
        Sipp agent = Sipp.start(dir.resolve("agent"), "agent-answer",
            Map.of("RTPPORT", "" + ears.port(), "PT", "0", "CODEC", "PCMU", "TONE", tone.toString(), "ANSWERDELAY", "100"),
            "-p", "" + agentPort, "-m", "1", "-timeout", "20", "-mp", "" + (NodeHarness.freePort() & ~1));
        Sipp customer = Sipp.start(dir.resolve("customer"), "customer-call",
            Map.of("RTPPORT", "" + ears.port(), "PT", "0", "CODEC", "PCMU", "TONE", tone.toString(), "TALKMS", "2000"),
            "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1", "-timeout", "20",
            "-mp", "" + (NodeHarness.freePort() & ~1))) {
      assertThat(customer.await(25)).as(customer.logs()).isZero();
      assertThat(agent.await(10)).as(agent.logs()).isZero();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);
  }

  @AfterAll
  static void stop() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void aSupervisorLogsInSeesTheRecordingAndTheBrowserLoadsItsAudio() {
    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright)) {
      Page page = browser.newPage();
      String base = "http://127.0.0.1:" + atalaya.node.webPort();
      page.navigate(base + "/recordings");
      assertThat(page.url()).as("not logged in: sent to the login page").contains("/login");
      page.fill("#login", NodeHarness.ADMIN);
      page.fill("#password", NodeHarness.ADMIN_PASSWORD);
      page.click("button[type=submit]");
      page.waitForSelector("#recordings tr button.open");
      assertThat(page.textContent("#recordings")).contains("+34600111222").contains("1301");
      page.click("#recordings tr button.open");
      page.waitForSelector("#lib-player[data-peaks=loaded]");
      Object duration = page.evalOnSelector("#audio",
          "a => new Promise(resolve => { if (a.readyState >= 1) resolve(a.duration);"
              + " a.addEventListener('loadedmetadata', () => resolve(a.duration)); a.load(); })");
      assertThat(((Number) duration).doubleValue()).as("audio duration in the browser").isBetween(1.5, 6.0);
      // Kept for people reviewing a change: what the supervisor saw.
      page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "recordings-page.png")).setFullPage(true));
    }
  }
}

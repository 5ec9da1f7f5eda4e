package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.atalaya.core.monitoring.Actor;
import org.atalaya.core.monitoring.SessionView;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.core.users.Role;
import org.atalaya.media.MonitorMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor dashboard in real headless Chromium (fake microphone), with a real sipp call:
 * the call appears without a reload, Listen starts browser audio over the WebSocket, Whisper
 * sends the microphone and shows the agent a notice on the agent's own page, the agent's
 * "need help" lights up on the dashboard, and Stop ends the session.
 */
class DashboardBrowserTest {
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static int agentPort;
  static final Actor SUP = new Actor(Tenants.DEFAULT, "sup", Role.SUPERVISOR, null);

  @BeforeAll
  static void start() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 45000, 10, 30);
    atalaya.addAgent("4001", "agent-pass-4001");
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "sup", "sup-secret-01", Role.SUPERVISOR, null);
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "ana", "ana-secret-01", Role.AGENT, "4001");
    agentPort = NodeHarness.freePort();
    atalaya.register(dir.resolve("reg"), agentPort, "4001", "agent-pass-4001");
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.acd().registeredAgents() == 1);
  }

  @AfterAll
  static void stop() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void aSupervisorSeesTheCallArriveListensWhispersAndTheAgentIsTold() throws Exception {
    String base = "http://127.0.0.1:" + atalaya.node.webPort();
    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright, "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required")) {
      BrowserContext supCtx = browser.newContext(new Browser.NewContextOptions().setLocale("es-ES"));
      supCtx.grantPermissions(List.of("microphone"), new BrowserContext.GrantPermissionsOptions().setOrigin(base));
      Page dash = Chromium.login(supCtx.newPage(), base, "sup", "sup-secret-01");
      dash.navigate(base + "/dashboard");
      dash.waitForSelector("#agents tr[data-extension='4001']");
      assertThat(dash.textContent("#agents")).contains("Disponible");
      assertThat(dash.isHidden("#refused")).as("no caller was turned away").isTrue();

      Page agentPage = Chromium.login(browser.newContext().newPage(), base, "ana", "ana-secret-01");
      agentPage.navigate(base + "/agent?lang=en");

      try (RtpProbe ears = new RtpProbe();
          Sipp agent = Sipp.start(dir.resolve("agent"), "agent-answer",
              Map.of("RTPPORT", "" + ears.port(), "PT", "0", "CODEC", "PCMU",
                  "TONE", ToneFiles.write(dir, Hearing.AGENT, 0).toString(), "ANSWERDELAY", "100"),
              "-p", "" + agentPort, "-m", "1", "-timeout", "60", "-mp", "" + (NodeHarness.freePort() & ~1));
          Sipp customer = Sipp.start(dir.resolve("customer"), "customer-call",
              Map.of("RTPPORT", "" + ears.port(), "PT", "0", "CODEC", "PCMU",
                  "TONE", ToneFiles.write(dir, Hearing.CUSTOMER, 0).toString(), "TALKMS", "20000"),
              "-s", "5000", "127.0.0.1:" + atalaya.sipPort, "-p", "" + NodeHarness.freePort(), "-m", "1",
              "-timeout", "60", "-mp", "" + (NodeHarness.freePort() & ~1))) {
        // The call appears on the open dashboard by itself (SSE), connected, with its buttons.
        dash.waitForSelector("tr[data-call-id] button[data-action='listen']");
        assertThat(dash.textContent("#calls")).contains("+34600111222").contains("4001").contains("Conectada");
        assertThat(dash.textContent("#agents tr[data-extension='4001']")).contains("En llamada");

        dash.click("tr[data-call-id] button[data-action='listen']");
        dash.waitForFunction("() => document.querySelector('tr[data-call-id] td.monitor-state').textContent === 'LISTEN'");
        dash.waitForFunction("() => window.atalayaMonitor.framesReceived > 50");
        List<SessionView> sessions = atalaya.node.monitoring().sessions(SUP);
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).mode()).isEqualTo(MonitorMode.LISTEN);
        assertThat(dash.textContent("#monitor-status")).contains("Monitorizando").contains("+34600111222");

        dash.click("tr[data-call-id] button[data-action='whisper']");
        dash.waitForFunction("() => document.querySelector('tr[data-call-id] td.monitor-state').textContent === 'WHISPER'");
        dash.waitForFunction("() => window.atalayaMonitor.framesSent > 25");
        assertThat(atalaya.node.monitoring().sessions(SUP).get(0).mode()).isEqualTo(MonitorMode.WHISPER);
        agentPage.waitForSelector("#notice:not([hidden])");
        assertThat(agentPage.textContent("#notice")).contains("whispering");

        agentPage.click("#help");
        dash.waitForSelector("#help li[data-call-id]");
        assertThat(dash.getAttribute("tr[data-call-id]", "class")).contains("help-raised");
        dash.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "dashboard-page.png")).setFullPage(true));

        dash.click("tr[data-call-id] button[data-action='stop']");
        await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.monitoring().sessions(SUP).isEmpty());
        dash.waitForFunction("() => document.querySelector('tr[data-call-id] td.monitor-state').textContent === '—'");
        agentPage.waitForSelector("#notice", new Page.WaitForSelectorOptions()
            .setState(com.microsoft.playwright.options.WaitForSelectorState.HIDDEN));
        assertThat(customer.await(40)).as(customer.logs()).isZero();
        assertThat(agent.await(10)).as(agent.logs()).isZero();
      }
      dash.waitForSelector("tr[data-call-id]", new Page.WaitForSelectorOptions()
          .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
      dash.waitForSelector("#recent tr[data-recording-id]");
    }
  }
}

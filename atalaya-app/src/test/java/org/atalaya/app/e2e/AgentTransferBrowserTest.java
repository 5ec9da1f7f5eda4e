package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.routing.AgentState;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.core.users.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's own page in real headless Chromium, on a real sipp call: agent 1801 (user marta)
 * transfers the caller to 1802 from the page, attended (consults, cancels, consults again, then
 * completes), and escalates a caller to the supervisors queue. Every click is checked on the
 * node itself, and the server's refusals must reach the page's status lines.
 */
class AgentTransferBrowserTest {
  private static final String MARTA_PASSWORD = "marta-secret-01";
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static int firstPort;
  static int secondPort;
  static Playwright playwright;
  static Browser browser;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    atalaya = NodeHarness.start(dir.resolve("data"), 53000, 8, 20);
    atalaya.put("/api/v1/routing", "{\"queues\": [{\"name\": \"default\"}, {\"name\": \"supervisors\","
        + " \"strategy\": \"ring-all\", \"skills\": {\"escalation\": 1}}], \"agents\": {\"1802\": {\"escalation\": 1}}}");
    atalaya.addAgent("1801", "agent-pass-1801");
    atalaya.addAgent("1802", "agent-pass-1802");
    atalaya.node.userAccounts().add(Tenants.DEFAULT, "marta", MARTA_PASSWORD, Role.AGENT, "1801");
    firstPort = NodeHarness.freePort();
    secondPort = NodeHarness.freePort();
    atalaya.register(dir.resolve("reg1"), firstPort, "1801", "agent-pass-1801");
    atalaya.register(dir.resolve("reg2"), secondPort, "1802", "agent-pass-1802");
    base = "http://127.0.0.1:" + atalaya.node.webPort();
    playwright = Chromium.playwright();
    browser = Chromium.launch(playwright);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (atalaya != null) {
      atalaya.close();
    }
  }

  /** Both agents free, whatever wrap-up the previous test left them in. */
  @BeforeEach
  void bothFree() {
    for (String ext : new String[] {"1801", "1802"}) {
      atalaya.node.acd().login(ext);
      atalaya.node.acd().ready(ext);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> state("1801") == AgentState.AVAILABLE
        && state("1802") == AgentState.AVAILABLE);
  }

  @Test
  void theAgentTransfersAttendedFromThePage() throws Exception {
    // The ACD must offer the caller to 1801: 1802 logs in only once 1801 has it.
    atalaya.node.acd().logout("1802");
    Page page = login("es-ES");
    page.navigate(base + "/agent");
    page.waitForSelector("#mycalls-empty:not([hidden])");
    assertThat(page.getAttribute("#transfer-to", "placeholder")).isEqualTo("1302 o cola");
    assertThat(page.isDisabled("#transfer-to")).as("no call, no transfer").isTrue();
    assertThat(page.isDisabled("#transfer-start")).isTrue();
    assertThat(page.isDisabled("#escalate")).isTrue();

    try (RtpProbe customerEar = new RtpProbe();
        RtpProbe firstEar = new RtpProbe();
        RtpProbe secondEar = new RtpProbe();
        Sipp first = Phones.agent(dir, "att-first", firstPort, firstEar, 1000, 1, 60);
        // Two consultations reach 1802: the cancelled one and the completed one.
        Sipp second = Phones.agent(dir, "att-second", secondPort, secondEar, 1700, 2, 60);
        Sipp customer = Phones.customer(dir, "att-customer", atalaya.sipPort, customerEar, 440, 25000, 60)) {
      try {
        await().atMost(Duration.ofSeconds(10)).until(() -> connectedTo("1801") != null);
      } catch (RuntimeException e) {
        throw new AssertionError("1801 never answered: " + first.logs() + customer.logs(), e);
      }
      String id = connectedTo("1801").id();
      String row = "#mycalls tr[data-call-id='" + id + "']";
      page.waitForSelector(row);
      page.waitForSelector("#transfer-start:enabled");
      assertThat(page.textContent(row + " td:nth-child(4)")).contains("Conectada");

      // Refusals: the server's own message reaches the page and nothing moves.
      page.fill("#transfer-to", "queue:nadie");
      page.click("#transfer-start");
      waitForText(page, "#transfer-status", "there is no queue nadie");
      assertThat(page.textContent("#transfer-status")).startsWith("No se pudo transferir la llamada");
      assertThat(page.getAttribute("#transfer-status", "class")).contains("error");
      page.fill("#transfer-to", "1802");
      page.check("#transfer-mode input[value='attended']");
      page.click("#transfer-start");
      waitForText(page, "#transfer-status", "agent 1802 is not logged in");
      assertThat(connectedTo("1801")).as("still with 1801").isNotNull();
      assertThat(callState(id)).isEqualTo(ActiveCall.State.CONNECTED);

      // Attended: the page shows the consultation, then Cancel gives the caller back.
      atalaya.node.acd().login("1802");
      page.click("#transfer-start");
      waitForText(page, row + " td:nth-child(4)", "Transfiriendo");
      assertThat(callState(id)).as("the node consults").isEqualTo(ActiveCall.State.TRANSFERRING);
      assertThat(page.isVisible("#transfer-start")).as("Transfer gives way to Complete and Cancel").isFalse();
      assertThat(page.isEnabled("#transfer-complete")).isTrue();
      assertThat(page.isEnabled("#transfer-cancel")).isTrue();
      assertThat(page.isDisabled("#escalate")).isTrue();
      assertThat(page.textContent("#transfer-status")).contains("Consultando con 1802");
      await().atMost(Duration.ofSeconds(8)).until(() -> state("1802") == AgentState.ON_CALL);
      page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "agent-transfer-page.png")).setFullPage(true));
      page.click("#transfer-cancel");
      waitForText(page, row + " td:nth-child(4)", "Conectada");
      assertThat(page.textContent("#transfer-status")).contains("Transferencia cancelada");
      assertThat(callState(id)).isEqualTo(ActiveCall.State.CONNECTED);
      assertThat(connectedTo("1801")).as("the caller is back with 1801").isNotNull();
      await().atMost(Duration.ofSeconds(5)).until(() -> state("1802") != AgentState.ON_CALL);
      atalaya.node.acd().ready("1802"); // skip the consultation's wrap-up
      await().atMost(Duration.ofSeconds(5)).until(() -> state("1802") == AgentState.AVAILABLE);

      // Attended again, and Complete once 1802 has answered: 1802 has the caller, 1801 is hung up.
      page.waitForSelector("#transfer-start:enabled");
      assertThat(page.isChecked("#transfer-mode input[value='attended']")).isTrue();
      assertThat(page.inputValue("#transfer-to")).isEqualTo("1802");
      page.click("#transfer-start");
      waitForText(page, row + " td:nth-child(4)", "Transfiriendo");
      await().atMost(Duration.ofSeconds(8)).until(() -> state("1802") == AgentState.ON_CALL);
      page.click("#transfer-complete");
      await().atMost(Duration.ofSeconds(5)).until(() -> connectedTo("1802") != null);
      assertThat(connectedTo("1802").id()).isEqualTo(id);
      assertThat(first.await(10)).as("1801's phone is hung up: " + first.logs()).isZero();
      waitForText(page, "#transfer-status", "Transferencia completada: el cliente está con 1802");
      page.waitForSelector(row, new Page.WaitForSelectorOptions()
          .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
      assertThat(page.isVisible("#mycalls-empty")).as("no longer 1801's call").isTrue();
      assertThat(page.isDisabled("#transfer-start")).isTrue();
      assertThat(customer.await(40)).as(customer.logs()).isZero();
      assertThat(second.await(10)).as(second.logs()).isZero();
    }
    String audit = atalaya.items("/api/v1/audit?action=call.transfer.complete").toString();
    assertThat(audit).contains("marta").contains("agent=1802");
    assertThat(atalaya.items("/api/v1/audit?action=call.transfer.cancel").toString()).contains("marta");
  }

  @Test
  void theAgentEscalatesFromThePage() throws Exception {
    atalaya.node.acd().logout("1802");
    Page page = login("en-GB");
    page.navigate(base + "/agent?lang=en");
    page.waitForSelector("#mycalls-empty:not([hidden])");
    assertThat(page.textContent("#escalate")).isEqualTo("Escalate to supervisor");
    try (RtpProbe customerEar = new RtpProbe();
        RtpProbe firstEar = new RtpProbe();
        RtpProbe secondEar = new RtpProbe();
        Sipp first = Phones.agent(dir, "esc-first", firstPort, firstEar, 1000, 1, 40);
        Sipp supervisor = Phones.agent(dir, "esc-supervisor", secondPort, secondEar, 1700, 1, 40);
        Sipp customer = Phones.customer(dir, "esc-customer", atalaya.sipPort, customerEar, 440, 12000, 40)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> connectedTo("1801") != null);
      String id = connectedTo("1801").id();
      String row = "#mycalls tr[data-call-id='" + id + "']";
      page.waitForSelector(row);
      page.waitForSelector("#escalate:enabled");
      assertThat(page.textContent(row + " td:nth-child(4)")).contains("Connected");

      // Nobody serves the supervisors queue yet: the 409's message, and the caller stays.
      page.fill("#escalate-reason", "amenaza de demanda");
      page.click("#escalate");
      waitForText(page, "#escalate-status", "nobody serves queue supervisors now");
      assertThat(page.textContent("#escalate-status")).startsWith("Could not escalate the call");
      assertThat(connectedTo("1801")).as("still with 1801").isNotNull();
      page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "agent-escalate-page.png")).setFullPage(true));

      atalaya.node.acd().login("1802");
      page.waitForSelector("#escalate:enabled");
      page.click("#escalate");
      waitForText(page, "#escalate-status", "The call went to the supervisors' queue.");
      assertThat(first.await(10)).as("1801 is released: " + first.logs()).isZero();
      await().atMost(Duration.ofSeconds(8)).until(() -> connectedTo("1802") != null);
      assertThat(connectedTo("1802").id()).isEqualTo(id);
      assertThat(connectedTo("1802").queue()).isEqualTo("supervisors");
      page.waitForSelector(row, new Page.WaitForSelectorOptions()
          .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
      assertThat(customer.await(30)).as(customer.logs()).isZero();
      assertThat(supervisor.await(10)).as(supervisor.logs()).isZero();
    }
    assertThat(atalaya.items("/api/v1/audit?action=call.escalate").toString())
        .contains("marta").contains("reason=amenaza de demanda");
  }

  private static Page login(String locale) {
    return Chromium.login(browser.newContext(new Browser.NewContextOptions().setLocale(locale)).newPage(), base, "marta",
        MARTA_PASSWORD);
  }

  /** Waits until the element's text contains {@code text}; the failure shows what it said instead. */
  private static void waitForText(Page page, String selector, String text) {
    try {
      page.waitForFunction("([s, t]) => { const e = document.querySelector(s); return !!e && e.textContent.includes(t); }",
          List.of(selector, text), new Page.WaitForFunctionOptions().setTimeout(10_000));
    } catch (RuntimeException e) {
      Object now = page.evaluate("s => { const e = document.querySelector(s); return e ? e.textContent : null; }", selector);
      throw new AssertionError(selector + " never said '" + text + "'; it says: " + now, e);
    }
  }

  private static AgentState state(String extension) {
    return atalaya.node.acd().agent(extension).orElseThrow().state();
  }

  private static ActiveCall.State callState(String id) {
    return atalaya.node.calls().list(Tenants.DEFAULT).stream().filter(c -> c.id().equals(id))
        .map(ActiveCall::state).findFirst().orElse(null);
  }

  private static ActiveCall connectedTo(String agent) {
    return atalaya.node.calls().list(Tenants.DEFAULT).stream()
        .filter(c -> agent.equals(c.agentExtension()) && c.state() == ActiveCall.State.CONNECTED)
        .findFirst().orElse(null);
  }
}

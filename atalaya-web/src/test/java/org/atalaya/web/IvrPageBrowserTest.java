package org.atalaya.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.atalaya.core.audit.AuditLog.StoredAuditEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IVR and routing page in headless Chromium, over the shipped escalation flow stored through
 * the API. An admin in Spanish reads, breaks, fixes, creates and deletes flows and saves the hours
 * and the routing; every refusal is the server's, and the API shows what was stored. A supervisor
 * in English reads everything and can change nothing; an agent gets neither a link nor the data.
 */
class IvrPageBrowserTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir static Path blobs;
  static TestServer server;
  static Playwright pw;
  static Browser browser;
  static String escalation;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(blobs);
    try (InputStream in = IvrPageBrowserTest.class.getResourceAsStream("/ivr/escalation.json")) {
      escalation = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(server.send(server.basic("/api/v1/ivr/flows/escalation", "admin").PUT(TestServer.json(escalation)))
        .statusCode()).isEqualTo(201);
    pw = Playwright.create();
    browser = HeadlessChromium.launch(pw);
  }

  @AfterAll
  static void stop() {
    browser.close();
    pw.close();
    server.close();
  }

  @Test
  void anAdminEditsFlowsHoursAndRoutingAndTheServerHasTheLastWord() throws Exception {
    Page page = browser.newContext(new Browser.NewContextOptions().setLocale("es-ES").setTimezoneId("Europe/Madrid"))
        .newPage();
    login(page, "admin");
    // What the page sent from here on: requests as they leave, answers as "METHOD path status".
    List<String> sent = new CopyOnWriteArrayList<>();
    List<String> writes = new CopyOnWriteArrayList<>();
    page.onRequest(r -> {
      if (!r.method().equals("GET")) {
        sent.add(r.method() + " " + r.url().substring(server.base().length()));
      }
    });
    page.onResponse(r -> {
      if (!r.request().method().equals("GET")) {
        writes.add(r.request().method() + " " + r.url().substring(server.base().length()) + " " + r.status());
      }
    });
    assertThat(page.isVisible("nav a[href='/ivr']")).as("the link on the other pages").isTrue();
    page.navigate(server.base() + "/ivr");
    page.waitForSelector("body[data-ready=true]");
    assertThat(page.textContent("h1")).isEqualTo("IVR y enrutamiento");
    assertThat(page.textContent("nav a[href='/ivr']")).isEqualTo("IVR y enrutamiento");
    assertThat(page.textContent(flow("escalation"))).contains("escalation", "+34910000100, 910000100");
    assertThat(page.isVisible("#ivr-new")).isTrue();
    assertThat(page.isVisible("#ivr-readonly")).isFalse();

    // The flow, pretty-printed, and read aloud from its start step, one branch after the other.
    page.click(flow("escalation"));
    page.waitForSelector("#ivr-summary li[data-step]");
    String shown = page.inputValue("#ivr-text");
    assertThat(shown).startsWith("{\n  \"id\": \"escalation\",\n  \"numbers\": [");
    assertThat(MAPPER.readTree(shown)).isEqualTo(MAPPER.readTree(escalation));
    assertThat(page.textContent("#ivr-doc-title")).isEqualTo("Flujo escalation");
    assertThat(page.isEditable("#ivr-text")).isTrue();
    assertThat(page.locator("#ivr-summary li[data-step]").evaluateAll("els => els.map(e => e.dataset.step)"))
        .isEqualTo(List.of("hours", "welcome", "menu", "general", "goodbye", "technical", "billing", "critical",
            "closed", "voicemail"));
    assertThat(page.textContent("#ivr-summary")).contains("Las llamadas empiezan en hours.",
        "Números que lo ejecutan: +34910000100, 910000100.");
    assertThat(step(page, "hours")).contains("horario", "abierto → welcome; cerrado → closed.");
    assertThat(step(page, "menu")).contains("reproduce escalation-menu y espera una tecla hasta 5 s");
    assertThat(page.textContent("#ivr-summary li[data-step=menu] li[data-key='9']")).isEqualTo("tecla 9 → critical");
    assertThat(page.textContent("#ivr-summary li[data-step=menu] li[data-key=failure]"))
        .isEqualTo("tecla errónea o ninguna: invalid-option, y el menú se repite hasta 2 veces más y después → technical");
    assertThat(step(page, "billing")).contains("cola", "pasa la llamada a la cola finance.");
    assertThat(step(page, "voicemail")).contains("recoge un mensaje en el buzón general.");
    assertThat(page.locator("#ivr-summary .missing").count()).isZero();

    // Text that is not JSON never leaves the page.
    page.fill("#ivr-text", shown + "}");
    page.click("#ivr-save");
    waitForText(page, "#ivr-error", "No enviado: no es JSON válido.");
    assertThat(page.textContent("#ivr-summary")).isEqualTo("El resumen necesita JSON válido.");
    assertThat(sent).isEmpty();

    // A menu key to a step that does not exist: the summary flags it, the server refuses it and
    // its words are shown; the editor keeps the text and the stored flow is unchanged.
    String broken = shown.replace("\"9\": \"critical\"", "\"9\": \"nowhere\"");
    assertThat(broken).isNotEqualTo(shown);
    page.fill("#ivr-text", broken);
    assertThat(page.textContent("#ivr-summary li[data-step=menu] li[data-key='9'] .missing")).startsWith("nowhere");
    page.click("#ivr-save");
    waitForText(page, "#ivr-error", "which does not exist");
    assertThat(page.textContent("#ivr-error")).startsWith("El servidor lo rechaza: ");
    assertThat(page.textContent("#ivr-server-msg"))
        .isEqualTo("flow escalation: step 'menu' goes to 'nowhere', which does not exist");
    assertThat(page.isVisible("#ivr-ok")).isFalse();
    assertThat(page.inputValue("#ivr-text")).isEqualTo(broken);
    assertThat(get("/api/v1/ivr/flows/escalation")).as("stored as before, byte for byte").isEqualTo(escalation);

    // Fixed (and one more change): stored as written, and audited.
    String fixed = broken.replace("\"9\": \"nowhere\"", "\"9\": \"general\"")
        .replace("\"timeoutSeconds\": 5", "\"timeoutSeconds\": 7");
    page.fill("#ivr-text", fixed);
    page.click("#ivr-save");
    waitForText(page, "#ivr-ok", "Guardado.");
    assertThat(page.isVisible("#ivr-error")).isFalse();
    assertThat(get("/api/v1/ivr/flows/escalation")).isEqualTo(fixed);
    assertThat(MAPPER.readTree(get("/api/v1/ivr/flows/escalation")).at("/steps/menu/timeoutSeconds").asInt())
        .isEqualTo(7);
    assertThat(writes).containsExactly("PUT /api/v1/ivr/flows/escalation 400", "PUT /api/v1/ivr/flows/escalation 200");
    List<StoredAuditEvent> trail = server.audit.forTarget("default", "ivr-flow:escalation");
    assertThat(trail).extracting(e -> e.event().action()).as("the seed's save and the page's; no trace of the 400")
        .containsExactly("ivr.flow.save", "ivr.flow.save");
    assertThat(trail.get(1).event().actor()).isEqualTo("admin");
    assertThat(step(page, "menu")).contains("hasta 7 s").doesNotContain("critical");

    // Revert goes back to what was last saved.
    page.fill("#ivr-text", "{}");
    page.click("#ivr-revert");
    assertThat(page.inputValue("#ivr-text")).isEqualTo(fixed);

    // A new flow named like an existing one is refused before sending; one whose number another
    // flow has gets the server's 409; with its own number it is created.
    page.click("#ivr-new");
    waitForText(page, "#ivr-doc-title", "Nuevo flujo");
    assertThat(page.inputValue("#ivr-text")).contains("\"id\": \"new-flow\"");
    assertThat(page.isVisible("#ivr-delete")).isFalse();
    String copy = "{\"id\": \"copy\", \"numbers\": [\"+34910000100\"], \"start\": \"bye\","
        + " \"steps\": {\"bye\": {\"type\": \"hangup\"}}}";
    page.fill("#ivr-text", copy.replace("\"copy\"", "\"escalation\""));
    page.click("#ivr-save");
    waitForText(page, "#ivr-error", "ya existe un flujo llamado 'escalation'");
    page.fill("#ivr-text", copy);
    page.click("#ivr-save");
    waitForText(page, "#ivr-error", "already runs");
    assertThat(page.textContent("#ivr-server-msg")).isEqualTo("numbers: +34910000100 already runs flow 'escalation'");
    assertThat(status("/api/v1/ivr/flows/copy")).isEqualTo(404);
    page.fill("#ivr-text", copy.replace("+34910000100", "+34910000999"));
    page.click("#ivr-save");
    waitForText(page, "#ivr-ok", "Flujo creado.");
    assertThat(page.textContent("#ivr-doc-title")).isEqualTo("Flujo copy");
    assertThat(page.textContent(flow("copy"))).contains("+34910000999");
    assertThat(get("/api/v1/ivr/flows/copy")).isEqualTo(copy.replace("+34910000100", "+34910000999"));
    assertThat(writes.subList(2, writes.size()))
        .containsExactly("PUT /api/v1/ivr/flows/copy 409", "PUT /api/v1/ivr/flows/copy 201");

    // Delete asks first: "cancel" keeps the flow, "OK" deletes it.
    page.onceDialog(d -> d.dismiss());
    page.click("#ivr-delete");
    page.evaluate("() => 0"); // the click's handler has run by now: any DELETE would have left
    assertThat(sent).noneMatch(r -> r.startsWith("DELETE"));
    assertThat(page.textContent("#ivr-doc-title")).isEqualTo("Flujo copy");
    AtomicReference<String> asked = new AtomicReference<>();
    page.onceDialog(d -> {
      asked.set(d.message());
      d.accept();
    });
    page.click("#ivr-delete");
    waitForText(page, "#ivr-pick", "Flujo 'copy' borrado.");
    assertThat(asked.get()).contains("¿Borrar el flujo 'copy'?");
    page.waitForSelector(flow("copy"), new Page.WaitForSelectorOptions().setState(
        com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
    assertThat(status("/api/v1/ivr/flows/copy")).isEqualTo(404);
    assertThat(server.audit.forTarget("default", "ivr-flow:copy")).extracting(e -> e.event().action())
        .containsExactly("ivr.flow.save", "ivr.flow.delete");

    // Business hours: none yet, so a starting point that is not stored until saved.
    page.click("button.doc[data-doc=hours]");
    waitForText(page, "#ivr-doc-title", "Horario de atención");
    assertThat(page.textContent("#ivr-doc-note")).startsWith("No hay horario de atención");
    assertThat(page.inputValue("#ivr-text")).contains("\"zone\": \"Europe/Madrid\"");
    assertThat(page.isVisible("#ivr-summary-box")).isFalse();
    assertThat(page.isVisible("#ivr-delete")).isFalse();
    page.fill("#ivr-text", "{\"zone\": \"Mars/Olympus\"}");
    page.click("#ivr-save");
    waitForText(page, "#ivr-error", "zone: a time zone such as Europe/Madrid, got 'Mars/Olympus'");
    String hours = "{\"zone\": \"Europe/Madrid\", \"week\": {\"mon\": [\"09:00-14:00\", \"15:00-19:00\"]},"
        + " \"holidays\": [\"2026-12-25\"]}";
    page.fill("#ivr-text", hours);
    page.click("#ivr-save");
    waitForText(page, "#ivr-ok", "Guardado.");
    assertThat(get("/api/v1/ivr/hours")).isEqualTo(hours);
    assertThat(server.audit.forTarget("default", "ivr-hours:default")).extracting(e -> e.event().action())
        .containsExactly("ivr.hours.save");

    // Routing: the default document, pretty-printed; a bad overflow refused, a good document stored.
    page.click("button.doc[data-doc=routing]");
    waitForText(page, "#ivr-doc-title", "Enrutamiento (colas y agentes)");
    assertThat(page.inputValue("#ivr-text")).isEqualTo("{\n  \"queues\": [],\n  \"agents\": {}\n}");
    String routing = "{\"queues\": [{\"name\": \"technical\", \"strategy\": \"least-talk-time\","
        + " \"skills\": {\"technical\": 3}, \"overflow\": \"supervisors\"}, {\"name\": \"supervisors\"}],"
        + " \"agents\": {\"1001\": {\"technical\": 5}}}";
    page.fill("#ivr-text", routing.replace("\"overflow\": \"supervisors\"", "\"overflow\": \"nowhere\""));
    page.click("#ivr-save");
    waitForText(page, "#ivr-error", "queues.technical.overflow: no queue 'nowhere'");
    page.fill("#ivr-text", routing);
    page.click("#ivr-save");
    waitForText(page, "#ivr-ok", "Guardado.");
    assertThat(get("/api/v1/routing")).isEqualTo(routing);
    assertThat(server.audit.forTarget("default", "routing:default")).extracting(e -> e.event().detail())
        .containsExactly("2 queues");
    page.context().close();
  }

  @Test
  void aSupervisorReadsEverythingAndChangesNothingAndAnAgentIsNotAllowed() throws Exception {
    Page sup = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")).newPage();
    login(sup, "sup");
    sup.navigate(server.base() + "/ivr?lang=en");
    sup.waitForSelector("body[data-ready=true]");
    assertThat(sup.textContent("h1")).isEqualTo("IVR and routing");
    assertThat(sup.isVisible("nav a[href='/ivr']")).isTrue();
    assertThat(sup.textContent("#ivr-readonly")).isEqualTo("Read only: only administrators change these documents.");
    assertThat(sup.isVisible("#ivr-new")).isFalse();
    sup.click(flow("escalation"));
    sup.waitForSelector("#ivr-summary li[data-step]");
    assertThat(MAPPER.readTree(sup.inputValue("#ivr-text")).path("id").asText()).isEqualTo("escalation");
    assertThat(sup.getAttribute("#ivr-text", "readonly")).isNotNull();
    assertThat(sup.isEditable("#ivr-text")).isFalse();
    assertThat(sup.isVisible("#ivr-save")).isFalse();
    assertThat(sup.isVisible("#ivr-delete")).isFalse();
    assertThat(sup.isVisible("#ivr-revert")).isFalse();
    assertThat(step(sup, "hours")).contains("business hours", "open → welcome; closed → closed.");
    assertThat(sup.textContent("#ivr-summary li[data-step=menu] li[data-key='1']")).isEqualTo("key 1 → general");
    assertThat(step(sup, "technical")).contains("hands the call to queue technical.");
    sup.click("button.doc[data-doc=routing]");
    waitForText(sup, "#ivr-doc-title", "Routing (queues and agents)");
    assertThat(sup.inputValue("#ivr-text")).contains("\"queues\"");
    assertThat(sup.isEditable("#ivr-text")).isFalse();
    assertThat(sup.isVisible("#ivr-save")).isFalse();
    sup.context().close();

    Page agent = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")).newPage();
    login(agent, "ana");
    agent.navigate(server.base() + "/ivr");
    agent.waitForSelector("#ivr-forbidden:not([hidden])");
    agent.waitForFunction("() => document.getElementById('whoami').textContent !== ''");
    assertThat(agent.textContent("#ivr-forbidden")).isEqualTo("IVR flows and routing are for administrators and supervisors.");
    assertThat(agent.isVisible("nav a[href='/ivr']")).isFalse();
    assertThat(agent.isVisible("nav a[href='/recordings']")).isTrue();
    assertThat(agent.isVisible("#ivr-layout")).isFalse();
    assertThat(agent.locator("#ivr-flows li").count()).isZero();
    assertThat(agent.isVisible("#ivr-readonly")).isFalse();
    agent.context().close();
  }

  private static String flow(String id) {
    return "button.doc[data-doc='flow:" + id + "']";
  }

  private static String step(Page page, String name) {
    return page.textContent("#ivr-summary li[data-step=" + name + "]");
  }

  /** Waits until the element shows and its text holds {@code text}. */
  private static void waitForText(Page page, String selector, String text) {
    page.waitForFunction("([s, t]) => { const e = document.querySelector(s);"
        + " return e && !e.hidden && e.textContent.includes(t); }", List.of(selector, text));
  }

  private static String get(String path) throws Exception {
    var res = server.send(server.basic(path, "admin"));
    assertThat(res.statusCode()).as(path).isEqualTo(200);
    return res.body();
  }

  private static int status(String path) throws Exception {
    return server.send(server.basic(path, "admin")).statusCode();
  }

  private static void login(Page page, String login) {
    page.navigate(server.base() + "/login");
    page.fill("#login", login);
    page.fill("#password", TestServer.PASSWORD);
    page.click("button[type=submit]");
    page.waitForURL("**/recordings");
    page.waitForFunction("() => document.getElementById('whoami').textContent !== ''");
  }
}

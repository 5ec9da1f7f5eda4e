package org.atalaya.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.time.Instant;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit page in headless Chromium: an auditor browses the log in Spanish, filters it to
 * playbacks, exports exactly what is filtered and verifies the chain; a supervisor gets no link
 * and no rows.
 */
class AuditPageBrowserTest {
  @TempDir Path blobs;

  @Test
  void anAuditorFiltersExportsAndVerifiesTheLogAndASupervisorCannot() throws Exception {
    TestServer server = new TestServer(blobs);
    try (server;
        Playwright pw = Playwright.create();
        Browser browser = HeadlessChromium.launch(pw)) {
      server.addUser("aud", "auditor");
      Instant t = Instant.parse("2026-11-20T10:00:00Z");
      server.audit.append(new AuditEvent("default", t, "sup", "recording.play", "recording:rec-ana", "call=call-ana"));
      server.audit.append(new AuditEvent("default", t.plusSeconds(5), "sup", "tag.add", "recording:rec-ana", "type:sale"));
      server.audit.append(new AuditEvent("acme", t, "acme-admin", "recording.play", "recording:rec-acme", ""));

      Page page = browser.newContext(new Browser.NewContextOptions().setLocale("es-ES")).newPage();
      login(page, server.base(), "aud");
      page.navigate(server.base() + "/audit");
      page.waitForSelector("#audit-rows tr");
      assertThat(page.isVisible("nav a[href='/audit']")).as("auditors get the link").isTrue();
      assertThat(page.textContent("h1")).isEqualTo("Registro de auditoría");
      String everything = page.textContent("#audit-rows");
      assertThat(everything).contains("Reprodujo una grabación", "Añadió una etiqueta", "Inicio de sesión", "aud")
          .doesNotContain("rec-acme");

      page.selectOption("select[name=action]", "recording.");
      page.fill("input[name=actor]", "sup");
      page.click("#audit-search button[type=submit]");
      page.waitForFunction("() => document.querySelectorAll('#audit-rows tr').length === 1");
      assertThat(page.textContent("#audit-rows")).contains("recording:rec-ana", "call=call-ana");
      assertThat(page.getAttribute("#audit-rows tr td:nth-child(4)", "title")).isEqualTo("recording.play");

      // The export link carries the filters: the file holds the one playback and its own trace is written.
      String href = page.getAttribute("#export-csv", "href");
      assertThat(href).contains("action=recording.", "actor=sup", "format=csv");
      String csv = (String) page.evaluate("h => fetch(h).then(r => r.text())", href);
      assertThat(csv.lines()).hasSize(2);
      assertThat(csv).contains("recording.play", "recording:rec-ana").doesNotContain("tag.add");
      assertThat(server.audit.search("default", new AuditQuery("aud", "audit.export", null, null,
          null), 0, 10)).hasSize(1);

      page.click("#verify");
      page.waitForSelector("#verify-result.ok");
      assertThat(page.textContent("#verify-result")).startsWith("Íntegro");

      // A supervisor sees no link, and the page shows why instead of rows.
      Page sup = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")).newPage();
      login(sup, server.base(), "sup");
      sup.navigate(server.base() + "/audit");
      sup.waitForSelector("#audit-forbidden:not([hidden])");
      assertThat(sup.textContent("#audit-forbidden")).contains("auditors and administrators");
      assertThat(sup.isVisible("nav a[href='/audit']")).isFalse();
      assertThat(sup.locator("#audit-rows tr").count()).isZero();
    }
  }

  private static void login(Page page, String base, String login) {
    page.navigate(base + "/login");
    page.fill("#login", login);
    page.fill("#password", TestServer.PASSWORD);
    page.click("button[type=submit]");
    page.waitForURL("**/recordings");
  }
}

package org.atalaya.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import org.atalaya.core.audit.AuditQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports page in headless Chromium, on TestServer's day (2026-11-22, queue "sales"): Ana
 * answered after 4 s and talked 60 s, Ben after 10 s and 30 s, one caller hung up after 30 s.
 * So offered 3, answered 2, abandoned 1, service level 2/3, ASA 7 s, AHT 45 s. The browser is in
 * Madrid, where the calls of 09:0x UTC fall in the 10:00 hour.
 */
class ReportsPageBrowserTest {
  @TempDir Path blobs;

  @Test
  void aSupervisorSeesTheDaysFiguresChartsAndExportsTheSameNumbers() throws Exception {
    TestServer server = new TestServer(blobs);
    try (server;
        Playwright pw = Playwright.create();
        Browser browser = HeadlessChromium.launch(pw)) {
      Page es = browser.newContext(new Browser.NewContextOptions().setLocale("es-ES").setTimezoneId("Europe/Madrid"))
          .newPage();
      login(es, server.base(), "sup");
      es.navigate(server.base() + "/reports?from=2026-11-22&to=2026-11-22&by=day");
      es.waitForSelector("#rep-rows tr");
      assertThat(es.textContent("h1")).isEqualTo("Informes");
      assertThat(es.isVisible("nav a[href='/reports']")).isTrue();
      assertThat(es.inputValue("input[name=zone]")).isEqualTo("Europe/Madrid");
      assertThat(es.textContent("#rep-head")).contains("Ofrecidas", "Nivel de servicio (%)", "TMO (s)");
      assertThat(es.locator("#rep-rows tr").count()).isEqualTo(1);
      assertThat(col(es, "offered")).isEqualTo("3");
      assertThat(col(es, "answered")).isEqualTo("2");
      assertThat(col(es, "abandoned")).isEqualTo("1");
      assertThat(col(es, "serviceLevelPercent")).isEqualTo("66,7\u00a0%");
      assertThat(col(es, "asaSeconds")).isEqualTo("7\u00a0s");
      assertThat(col(es, "ahtSeconds")).isEqualTo("45\u00a0s");
      assertThat(col(es, "csatAverage")).as("no survey answers: no figure").isEqualTo("—");
      assertThat(es.textContent("#rep-head")).contains("Ocupación (%)");
      assertThat(col(es, "occupancyPercent")).as("no agent states stored: no figure").isEqualTo("—");
      assertThat(es.getAttribute("input[name=serviceLevel]", "placeholder")).isEqualTo("por cola");
      assertThat(es.locator("#chart-volume rect.bar").count()).as("offered, answered, abandoned of one day").isEqualTo(3);
      assertThat(es.getAttribute("#chart-volume rect.bar.offered", "data-value")).isEqualTo("3");
      assertThat(es.locator("#chart-sl circle.sl-point").count()).isEqualTo(1);
      assertThat(es.locator("#chart-sl line.target").count()).isEqualTo(1);

      // The CSV link carries the same filters and holds the same numbers.
      String href = es.getAttribute("#rep-csv", "href");
      assertThat(href).contains("by=day", "zone=Europe%2FMadrid", "format=csv")
          .as("no threshold asked: each queue's own").doesNotContain("serviceLevel");
      String csv = (String) es.evaluate("h => fetch(h).then(r => r.text())", href);
      assertThat(csv.split("\r\n")).hasSize(2);
      assertThat(csv.split("\r\n")[1]).startsWith("2026-11-22,3,2,1,0,0,2,66.67,33.33,7,30,45,45,");
      assertThat(server.audit.search("default", new AuditQuery("sup", "kpi.export", null, null, null), 0, 10))
          .hasSize(1);

      // Hourly: 24 hours of three bars each; the calls are in Madrid's 10:00 hour.
      es.selectOption("select[name=by]", "interval");
      es.click("#rep-filters button[type=submit]");
      es.waitForFunction("() => document.querySelectorAll('#rep-rows tr').length === 24");
      assertThat(es.locator("#chart-volume rect.bar").count()).isEqualTo(72);
      assertThat(es.textContent("#rep-rows tr[data-key='2026-11-22T09:00:00Z'] td:first-child")).isEqualTo("10:00");
      assertThat(es.textContent("#rep-rows tr[data-key='2026-11-22T09:00:00Z'] td[data-col=offered]")).isEqualTo("3");

      Page en = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB").setTimezoneId("Europe/Madrid"))
          .newPage();
      login(en, server.base(), "admin");
      en.navigate(server.base() + "/reports?from=2026-11-22&to=2026-11-22&by=queue&lang=en");
      en.waitForSelector("#rep-rows tr");
      assertThat(en.textContent("h1")).isEqualTo("Reports");
      assertThat(en.textContent("#rep-head")).contains("Offered", "Service level (%)", "AHT (s)", "Occupancy (%)");
      assertThat(en.textContent("#rep-rows tr td:first-child")).isEqualTo("sales");
      assertThat(col(en, "serviceLevelPercent")).isEqualTo("66.7\u00a0%");
      assertThat(col(en, "abandonRatePercent")).isEqualTo("33.3\u00a0%");

      // An agent gets no link and no figures.
      Page agent = browser.newContext().newPage();
      login(agent, server.base(), "ana");
      agent.navigate(server.base() + "/reports");
      agent.waitForSelector("#rep-forbidden:not([hidden])");
      assertThat(agent.isVisible("nav a[href='/reports']")).isFalse();
      assertThat(agent.locator("#rep-rows tr").count()).isZero();
    }
  }

  private static String col(Page page, String name) {
    return page.textContent("#rep-rows tr td[data-col=" + name + "]");
  }

  static void login(Page page, String base, String login) {
    page.navigate(base + "/login");
    page.fill("#login", login);
    page.fill("#password", TestServer.PASSWORD);
    page.click("button[type=submit]");
    page.waitForURL("**/recordings");
  }
}

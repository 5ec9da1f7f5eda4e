package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.atalaya.core.calls.CallRecord;
import org.atalaya.core.calls.Disposition;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.core.users.Role;
import org.atalaya.store.calls.JdbiCallRecordRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallboard of a real node in headless Chromium: today's stored calls of queue "ventas" per
 * queue, the agents' live states, and an SLA breach found by the node's own monitor arriving over
 * the event stream while the page is open. Yesterday (UTC) both callers of "ventas" hung up, so
 * a daily 80 % service level was breached; today one of two was answered within 20 s (50 %).
 */
class WallboardBrowserTest {
  @TempDir Path dir;

  @Test
  void theWallboardShowsTodaysFiguresAndABreachAsItArrives() throws Exception {
    // The test's "today" and "yesterday" must not change under it: keep away from midnight UTC.
    while (LocalTime.now(ZoneOffset.UTC).toSecondOfDay() < 600 || LocalTime.now(ZoneOffset.UTC).toSecondOfDay() > 86_000) {
      Thread.sleep(10_000);
    }
    try (NodeHarness atalaya = NodeHarness.start(dir.resolve("data"), 47000, 10, 30);
        Playwright pw = Chromium.playwright();
        Browser browser = Chromium.launch(pw)) {
      atalaya.addAgent("4001", "agent-pass-4001");
      atalaya.node.userAccounts().add(Tenants.DEFAULT, "sup", "sup-secret-01", Role.SUPERVISOR, null);
      var calls = new JdbiCallRecordRepository(atalaya.node.database().jdbi());
      Instant now = atalaya.clock.instant();
      Instant yesterday = now.truncatedTo(ChronoUnit.DAYS).minusSeconds(7200);
      calls.insert(record("y1", yesterday, null, 40, Disposition.ABANDONED));
      calls.insert(record("y2", yesterday.plusSeconds(60), null, 50, Disposition.ABANDONED));
      calls.insert(record("t1", now.minusSeconds(300), 5, 60, Disposition.ANSWERED));
      calls.insert(record("t2", now.minusSeconds(200), null, 40, Disposition.ABANDONED));
      String base = "http://127.0.0.1:" + atalaya.node.webPort();

      Page page = browser.newContext(new Browser.NewContextOptions().setLocale("es-ES").setTimezoneId("UTC")).newPage();
      page.navigate(base + "/login");
      page.fill("#login", "sup");
      page.fill("#password", "sup-secret-01");
      page.click("button[type=submit]");
      page.waitForURL("**/recordings");
      page.navigate(base + "/wallboard");
      page.waitForSelector("#wb-queues tr[data-queue='ventas']");
      String row = "#wb-queues tr[data-queue='ventas'] ";
      assertThat(page.textContent(row + "td[data-col=offered]")).isEqualTo("2");
      assertThat(page.textContent(row + "td[data-col=answered]")).isEqualTo("1");
      assertThat(page.textContent(row + "td[data-col=abandoned]")).isEqualTo("1");
      assertThat(page.textContent(row + "td[data-col=sl]")).isEqualTo("50\u00a0%");
      assertThat(page.textContent(row + "td[data-col=asa]")).isEqualTo("5\u00a0s");
      page.waitForSelector("#wb-agents [data-state=OFFLINE]");
      assertThat(page.textContent("#wb-agents")).contains("Desconectado 1");
      assertThat(page.textContent("#wb-waiting")).isEqualTo("0");
      assertThat(page.isVisible("nav a[href='/wallboard']")).isTrue();

      // With the page listening, the admin defines the SLA and the monitor judges yesterday.
      page.waitForSelector("body[data-live=open]");
      HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(base + "/api/v1/sla/definitions/sl-ventas"))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (NodeHarness.ADMIN + ":" + NodeHarness.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
          .PUT(HttpRequest.BodyPublishers.ofString("{\"name\": \"Nivel de servicio ventas\", \"metric\": \"serviceLevel\","
              + " \"comparator\": \"at-least\", \"target\": 80, \"queue\": \"ventas\", \"period\": \"1d\", \"minCalls\": 2}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
      atalaya.node.slaMonitor().tick();

      page.waitForSelector("#wb-alerts li.sla-breach");
      assertThat(page.textContent("#wb-alerts li.sla-breach")).contains("SLA incumplido", "Nivel de servicio ventas",
          "0\u00a0%", "objetivo 80\u00a0%");
      // The alert reloads the SLA targets: today's 50 % is now red against 80 %.
      page.waitForSelector(row + "td.sl-red[data-col=sl]");
      assertThat(page.textContent("#wb-sla")).contains("Nivel de servicio ventas", "incumplido");
    }
  }

  private static CallRecord record(String id, Instant at, Integer answerAfter, int endAfter, Disposition d) {
    return new CallRecord(id, Tenants.DEFAULT, "sip-" + id, "+3460000" + id, "", "900", "ventas",
        answerAfter == null ? null : "4001", at, answerAfter == null ? null : at.plusSeconds(answerAfter),
        at.plusSeconds(endAfter), d, "customer", null);
  }
}

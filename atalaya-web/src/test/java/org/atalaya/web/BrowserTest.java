package org.atalaya.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UI in real headless Chromium: log in through the form, see a recording, its audio loads. */
class BrowserTest {
  @TempDir Path blobs;

  @Test
  void logInSeeRecordingAndAudioMetadataLoads() throws Exception {
    TestServer server = new TestServer(blobs);
    String url = server.base();
    try (server;
        Playwright pw = Playwright.create();
        Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions()
            .setExecutablePath(Paths.get("/usr/bin/chromium"))
            .setHeadless(true)
            .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run")))) {
      Page page = browser.newContext(new Browser.NewContextOptions().setLocale("es-ES")).newPage();
      page.navigate(url + "/recordings");
      assertThat(page.url()).endsWith("/login");
      assertThat(page.textContent("button[type=submit]")).isEqualTo("Entrar");
      page.fill("#login", "sup");
      page.fill("#password", TestServer.PASSWORD);
      page.click("button[type=submit]");
      page.waitForURL("**/recordings");
      page.waitForSelector("tr[data-id=rec-ana] audio");
      assertThat(page.textContent("tr[data-id=rec-ana]")).contains("+34600000001", "1001", "0:02");
      page.waitForFunction("() => { const a = document.querySelector('tr[data-id=rec-ana] audio');"
          + " return a.readyState >= 1 && a.duration > 0; }");
      double duration = ((Number) page.evalOnSelector("tr[data-id=rec-ana] audio", "a => a.duration")).doubleValue();
      assertThat(duration).isBetween(1.9, 2.1);
      page.click("#logout");
      page.waitForURL("**/login");
    }
  }
}

package org.atalaya.app.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium for the browser tests (scripts/test.sh installs it; Playwright's own
 * browser download is off), launched the same way by each test. It inherits the test's
 * environment, so under scripts/test-any-date.sh the browser's clock is faked like the node's:
 * pages that ask the browser for "today" (the wallboard, the reports) agree with the server.
 */
final class Chromium {
  private Chromium() {}

  static Playwright playwright() {
    return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  /** Launches it quiet (no background updates or sync), with a test's own flags added. */
  static Browser launch(Playwright playwright, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"));
    args.addAll(List.of(extraArgs));
    return playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Paths.get("/usr/bin/chromium")).setHeadless(true).setArgs(args));
  }

  /** Logs in on the login page; the app lands on the recordings. */
  static Page login(Page page, String base, String user, String password) {
    page.navigate(base + "/login");
    page.fill("#login", user);
    page.fill("#password", password);
    page.click("button[type=submit]");
    page.waitForURL("**/recordings**");
    return page;
  }
}

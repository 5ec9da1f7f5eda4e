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
 * browser download is off), launched the same way by each test.
 */
final class Chromium {
  private Chromium() {}

  static Playwright playwright() {
    return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  /**
   * The test JVM's environment without libfaketime (scripts/test-any-date.sh): Chromium hangs at
   * start under a faked clock, so the browser keeps the real one; the dates under test are the
   * server's. (atalaya-web's HeadlessChromium does the same; test classes are not shared.)
   */
  static Map<String, String> realClockEnv() {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.keySet().removeIf(k -> k.equals("LD_PRELOAD") || k.startsWith("FAKETIME"));
    return env;
  }

  /** Launches it quiet (no background updates or sync), with a test's own flags added. */
  static Browser launch(Playwright playwright, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"));
    args.addAll(List.of(extraArgs));
    return playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Paths.get("/usr/bin/chromium")).setHeadless(true).setArgs(args)
        .setEnv(realClockEnv()));
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

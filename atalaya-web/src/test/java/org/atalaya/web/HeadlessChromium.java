package org.atalaya.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.util.List;

/** The Debian Chromium that scripts/test.sh installs, headless, with nothing reaching out to the network. */
public final class HeadlessChromium {
  /**
   * The test JVM's environment without libfaketime: scripts/test-any-date.sh runs the suite under a
   * faked clock, and Chromium hangs at start under it (no page in 60 s). The browser keeps the
   * real clock; the dates under test are the server's, which the pages show as sent.
   */
  public static java.util.Map<String, String> realClockEnv() {
    java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.keySet().removeIf(k -> k.equals("LD_PRELOAD") || k.startsWith("FAKETIME"));
    return env;
  }

  public static Browser launch(Playwright pw) {
    return pw.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Paths.get("/usr/bin/chromium"))
        .setHeadless(true)
        .setEnv(realClockEnv())
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run")));
  }

  private HeadlessChromium() {}
}

package org.atalaya.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.util.List;

/**
 * The Debian Chromium that scripts/test.sh installs, headless, with nothing reaching out to the
 * network; in the test's environment, so under scripts/test-any-date.sh its clock is faked too.
 */
public final class HeadlessChromium {
  public static Browser launch(Playwright pw) {
    return pw.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Paths.get("/usr/bin/chromium"))
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run")));
  }

  private HeadlessChromium() {}
}

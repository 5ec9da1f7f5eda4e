package org.atalaya.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UI in real headless Chromium: log in through the form, search the library, open a recording
 * (waveform, audio), play it at 1.5x, add a note at a moment and a tag, jump to the note, log out.
 */
class BrowserTest {
  @TempDir Path blobs;

  @Test
  void logInSearchPlayAtOneAndAHalfNoteAndTag() throws Exception {
    TestServer server = new TestServer(blobs);
    String url = server.base();
    try (server;
        Playwright pw = Playwright.create();
        Browser browser = HeadlessChromium.launch(pw)) {
      Page page = browser.newContext(new Browser.NewContextOptions().setLocale("es-ES")).newPage();
      page.navigate(url + "/recordings");
      assertThat(page.url()).endsWith("/login");
      assertThat(page.textContent("button[type=submit]")).isEqualTo("Entrar");
      page.fill("#login", "sup");
      page.fill("#password", TestServer.PASSWORD);
      page.click("button[type=submit]");
      page.waitForURL("**/recordings");
      page.waitForSelector("tr[data-id=rec-ana]");
      assertThat(page.textContent("tr[data-id=rec-ana]")).contains("+34600000001", "1001", "0:02", "sales");
      assertThat(page.locator("#recordings tr").count()).isEqualTo(2);

      // Search by part of the number: only Ana's call is left.
      page.fill("input[name=number]", "600000001");
      page.click("#search button[type=submit]");
      page.waitForFunction("() => document.querySelectorAll('#recordings tr').length === 1");
      assertThat(page.locator("#recordings tr").first().getAttribute("data-id")).isEqualTo("rec-ana");

      // Open it: the stereo waveform and the audio's metadata load.
      page.click("tr[data-id=rec-ana] button.open");
      page.waitForSelector("#lib-player[data-peaks=loaded]");
      page.waitForFunction("() => { const a = document.getElementById('audio'); return a.readyState >= 1 && a.duration > 0; }");
      double duration = ((Number) page.evalOnSelector("#audio", "a => a.duration")).doubleValue();
      assertThat(duration).isBetween(1.9, 2.1);
      assertThat(page.textContent(".lanes")).contains("Cliente", "Agente");

      // Play at 1.5x.
      page.selectOption("#speed", "1.5");
      page.evaluate("() => { const a = document.getElementById('audio');"
          + " a.addEventListener('playing', () => { window.t0 = performance.now(); }, { once: true });"
          + " a.addEventListener('ended', () => { window.t1 = performance.now(); }, { once: true }); }");
      page.click("#play");
      page.waitForFunction("() => document.getElementById('audio').currentTime > 0.3");
      assertThat(((Number) page.evalOnSelector("#audio", "a => a.playbackRate")).doubleValue()).isEqualTo(1.5);
      assertThat(page.textContent("#play")).isEqualTo("Pausa");
      page.waitForFunction("() => document.getElementById('audio').ended && window.t1 > 0");
      // 2 s of audio at 1.5x take about 1.33 s of wall time; at 1x they would take 2 s.
      double playedMs = ((Number) page.evaluate("() => window.t1 - window.t0")).doubleValue();
      assertThat(playedMs).isBetween(1000.0, 1850.0);

      // A note at a moment, and a tag.
      page.evalOnSelector("#audio", "a => { a.currentTime = 1.25; }");
      page.waitForFunction("() => Math.abs(document.getElementById('audio').currentTime - 1.25) < 0.01");
      page.fill("#note-text", "Buen cierre de la venta");
      page.click("#note-form button[type=submit]");
      page.waitForSelector("#notes li:has-text('Buen cierre de la venta')");
      assertThat(page.textContent("#notes")).contains("0:01", "sup");
      page.selectOption("#tag-kind", "type");
      page.fill("#tag-value", "sale");
      page.click("#tag-form button[type=submit]");
      page.waitForSelector("#tags .chip:has-text('type:sale')");

      var notes = server.send(server.basic("/api/v1/recordings/rec-ana/notes", "sup")).body();
      assertThat(notes).contains("Buen cierre de la venta", "\"atMillis\":1250");
      assertThat(server.send(server.basic("/api/v1/recordings?tag=type:sale", "sup")).body()).contains("rec-ana")
          .doesNotContain("rec-ben");
      var actions = server.audit.forTarget("default", "recording:rec-ana").stream()
          .map(e -> e.event().action() + "/" + e.event().actor()).toList();
      assertThat(actions).contains("recording.play/sup", "note.add/sup", "tag.add/sup");

      // Jump to the note from its list entry.
      page.evalOnSelector("#audio", "a => { a.currentTime = 0; }");
      page.click("#notes li button.jump");
      page.waitForFunction("() => Math.abs(document.getElementById('audio').currentTime - 1.25) < 0.01");
      page.click("#logout");
      page.waitForURL("**/login");
    }
  }
}

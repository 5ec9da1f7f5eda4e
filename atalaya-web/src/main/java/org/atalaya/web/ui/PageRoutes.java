package org.atalaya.web.ui;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.atalaya.web.auth.Authenticator;

/**
 * The HTML pages. They are static files; the server only picks the language (from ?lang=, the
 * lang cookie, then Accept-Language) and sends logged-out users to /login.
 */
public final class PageRoutes {
  private static final String LANG_COOKIE = "atalaya_lang";
  private final Authenticator auth;
  private final Map<String, String> pages = new ConcurrentHashMap<>();

  public PageRoutes(Authenticator auth) {
    this.auth = auth;
  }

  public void register(RoutesConfig routes) {
    routes.get("/", ctx -> ctx.redirect("/recordings"));
    routes.get("/login", ctx -> {
      if (auth.current(ctx).isPresent()) {
        ctx.redirect("/recordings");
        return;
      }
      page(ctx, "login.html");
    });
    routes.get("/recordings", ctx -> protectedPage(ctx, "recordings.html"));
    routes.get("/calls", ctx -> protectedPage(ctx, "calls.html"));
    routes.get("/dashboard", ctx -> protectedPage(ctx, "dashboard.html"));
    routes.get("/agent", ctx -> protectedPage(ctx, "agent.html"));
    routes.get("/audit", ctx -> protectedPage(ctx, "audit.html"));
    routes.get("/reports", ctx -> protectedPage(ctx, "reports.html"));
    routes.get("/wallboard", ctx -> protectedPage(ctx, "wallboard.html"));
    routes.get("/ivr", ctx -> protectedPage(ctx, "ivr.html"));
  }

  private void protectedPage(Context ctx, String file) {
    if (auth.current(ctx).isEmpty()) {
      ctx.redirect("/login");
      return;
    }
    page(ctx, file);
  }

  private void page(Context ctx, String file) {
    String lang = language(ctx);
    String html = pages.computeIfAbsent(file, PageRoutes::load).replace("{{lang}}", lang);
    ctx.header("Cache-Control", "no-store");
    ctx.header("Content-Security-Policy", "default-src 'self'; connect-src 'self'; media-src 'self' blob:; object-src 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType("text/html; charset=utf-8").result(html);
  }

  static String language(Context ctx) {
    String asked = ctx.queryParam("lang");
    if ("es".equals(asked) || "en".equals(asked)) {
      ctx.res().addHeader("Set-Cookie", LANG_COOKIE + "=" + asked + "; Path=/; Max-Age=31536000; SameSite=Lax");
      return asked;
    }
    String saved = ctx.cookie(LANG_COOKIE);
    if ("es".equals(saved) || "en".equals(saved)) {
      return saved;
    }
    return fromAcceptLanguage(ctx.header("Accept-Language"));
  }

  /** The first of es or en in the header's order of preference; English when neither appears. */
  static String fromAcceptLanguage(String header) {
    if (header == null) {
      return "en";
    }
    String best = "en";
    double bestQ = -1;
    for (String part : header.split(",")) {
      String[] fields = part.strip().split(";");
      String tag = fields[0].strip().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < fields.length; i++) {
        String f = fields[i].strip();
        if (f.startsWith("q=")) {
          try {
            q = Double.parseDouble(f.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      String lang = tag.startsWith("es") ? "es" : tag.startsWith("en") ? "en" : null;
      if (lang != null && q > bestQ) {
        best = lang;
        bestQ = q;
      }
    }
    return best;
  }

  private static String load(String file) {
    try (InputStream in = PageRoutes.class.getResourceAsStream("/web/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing page resource /web/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

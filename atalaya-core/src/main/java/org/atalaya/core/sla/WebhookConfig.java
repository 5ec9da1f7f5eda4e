package org.atalaya.core.sla;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Where a tenant's SLA breaches are POSTed, and the secret their HMAC signature is made with.
 * An empty list sends nothing.
 */
public record WebhookConfig(List<URI> urls, String secret) {
  public static final int MAX_URLS = 5;
  /** Shorter keys make the signature guessable offline from one captured delivery. */
  public static final int MIN_SECRET = 16;

  public WebhookConfig {
    urls = List.copyOf(urls == null ? List.of() : urls);
    if (urls.size() > MAX_URLS) {
      throw new IllegalArgumentException("urls: at most " + MAX_URLS);
    }
    for (URI u : urls) {
      check(u);
    }
    if (secret == null || secret.strip().length() < MIN_SECRET || secret.length() > 200) {
      throw new IllegalArgumentException("secret: " + MIN_SECRET + " to 200 characters");
    }
  }

  /** Parses and checks one URL: http or https with a host, nothing else. */
  public static URI url(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("urls: an empty URL");
    }
    try {
      URI u = new URI(text.strip());
      check(u);
      return u;
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("urls: not a URL: '" + text + "'");
    }
  }

  private static void check(URI u) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("urls: only http and https URLs, got '" + u + "'");
    }
    if (u.getHost() == null || u.getHost().isBlank()) {
      throw new IllegalArgumentException("urls: no host in '" + u + "'");
    }
    if (u.getRawUserInfo() != null) {
      // It would be stored and listed in the clear; the signature is what authenticates us.
      throw new IllegalArgumentException("urls: no user:password in the URL, the signature authenticates");
    }
  }
}

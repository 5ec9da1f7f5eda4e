package org.atalaya.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.atalaya.core.calls.CallAdmission;
import org.atalaya.store.blob.S3Settings;

/**
 * Reads the configuration: built-in defaults (atalaya-defaults.properties, the commented
 * reference), then an optional file, then ATALAYA_* environment variables. Unknown keys in the
 * file are an error, so a typo is never silently ignored.
 */
public final class ConfigLoader {
  private static final Map<String, String> ENV_ALIASES = Map.of(
      "ATALAYA_S3_ACCESS_KEY", "blob.s3.access-key",
      "ATALAYA_S3_SECRET_KEY", "blob.s3.secret-key");

  private ConfigLoader() {}

  public static AtalayaConfig load(Path file, Map<String, String> env) {
    Properties defaults = new Properties();
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/atalaya-defaults.properties")) {
      defaults.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("atalaya-defaults.properties missing from the jar", e);
    }
    Properties p = new Properties();
    p.putAll(defaults);
    if (file != null) {
      Properties fromFile = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        fromFile.load(r);
      } catch (IOException e) {
        throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
      }
      for (String key : fromFile.stringPropertyNames()) {
        if (!defaults.containsKey(key)) {
          throw new ConfigException("unknown key '" + key + "' in " + file + "; known keys: " + defaults.stringPropertyNames());
        }
        p.setProperty(key, fromFile.getProperty(key));
      }
    }
    // Short aliases for the S3 credentials, the names secret stores and operators expect; the
    // generic ATALAYA_BLOB_S3_* names below still win.
    for (Map.Entry<String, String> alias : ENV_ALIASES.entrySet()) {
      String value = env.get(alias.getKey());
      if (value != null) {
        p.setProperty(alias.getValue(), value);
      }
    }
    for (String key : defaults.stringPropertyNames()) {
      String envName = "ATALAYA_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
      String value = env.get(envName);
      if (value != null) {
        p.setProperty(key, value);
      }
    }
    Values reader = new Values(p);
    AtalayaConfig config = new AtalayaConfig(
        Path.of(reader.string("data.dir")),
        reader.string("db.url"),
        reader.string("db.user"),
        reader.string("db.password"),
        reader.address("sip.bind"),
        reader.port("sip.port"),
        reader.advertised("sip.advertised"),
        reader.nonBlank("sip.realm"),
        Arrays.stream(reader.string("sip.trusted-networks").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
        reader.intIn("sip.max-register-expires", 60, 86400),
        reader.address("media.bind"),
        reader.advertised("media.advertised"),
        reader.intIn("media.port-min", 1024, 65534),
        reader.intIn("media.port-max", 1024, 65534),
        reader.intIn("media.loops", 0, 64),
        reader.port("web.port"),
        reader.nonBlank("queue.name"),
        reader.intIn("queue.ring-timeout-seconds", 1, 600),
        reader.intIn("queue.max-wait-seconds", 1, 7200),
        reader.oneOf("prompts.language", Set.of("es", "en")),
        reader.nonBlank("tenant"),
        reader.bool("demo.enabled"),
        reader.intIn("demo.customers-max-concurrent", 1, 50),
        reader.bool("monitoring.agent-tone"),
        reader.intIn("retention.purge-hour", 0, 23),
        reader.intIn("media.timeout-seconds", 0, 86400),
        new CallAdmission.Limits(reader.intIn("calls.max-concurrent", 0, 1_000_000),
            reader.intIn("calls.max-per-second", 0, 100_000),
            Duration.ofMillis(reader.intIn("calls.overload-delay-ms", 0, 600_000))),
        s3Blobs(reader),
        Duration.ofMillis(reader.intIn("shutdown.grace-ms", 0, 600_000)),
        reader.intIn("sip.auth-max-failures", 1, 10_000));
    if (config.mediaPortMax() - config.mediaPortMin() < 10) {
      throw new ConfigException("media.port-min..media.port-max must span at least 10 ports");
    }
    if (config.maxWaitSeconds() < config.ringTimeoutSeconds()) {
      throw new ConfigException("queue.max-wait-seconds must be at least queue.ring-timeout-seconds");
    }
    return config;
  }

  /** The S3 settings when blob.type=s3, null for the local directory. */
  private static S3Settings s3Blobs(Values reader) {
    String type = reader.string("blob.type").toLowerCase(Locale.ROOT);
    switch (type) {
      case "file":
        return null;
      case "s3":
        break;
      default:
        throw new ConfigException("blob.type must be file or s3, got '" + type + "'");
    }
    String bucket = reader.string("blob.s3.bucket");
    if (bucket.isEmpty()) {
      throw new ConfigException("blob.s3.bucket must be set when blob.type=s3");
    }
    String access = reader.string("blob.s3.access-key");
    String secret = reader.string("blob.s3.secret-key");
    if (access.isEmpty() != secret.isEmpty()) {
      throw new ConfigException("blob.s3.access-key and blob.s3.secret-key go together: set both, or neither to use "
          + "the AWS default credentials chain");
    }
    URI endpoint = null;
    String url = reader.string("blob.s3.endpoint");
    if (!url.isEmpty()) {
      try {
        endpoint = new URI(url);
      } catch (URISyntaxException e) {
        throw new ConfigException("blob.s3.endpoint is not a valid URL: '" + url + "'");
      }
      if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())) || endpoint.getHost() == null) {
        throw new ConfigException("blob.s3.endpoint must be an http:// or https:// URL with a host, got '" + url + "'");
      }
    }
    try {
      return new S3Settings(endpoint, reader.nonBlank("blob.s3.region"), bucket, reader.string("blob.s3.prefix"),
          access.isEmpty() ? null : access, secret.isEmpty() ? null : secret, reader.bool("blob.s3.path-style"));
    } catch (IllegalArgumentException e) {
      // S3Settings names the problem (a prefix with "..", say); never the secret.
      throw new ConfigException("blob.s3.*: " + e.getMessage());
    }
  }

  /** This host's first non-loopback IPv4 address, or 127.0.0.1. */
  static String detectAddress() {
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp() || nif.isLoopback() || nif.isVirtual()) {
          continue;
        }
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
            return a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      // fall through to loopback
    }
    return "127.0.0.1";
  }

  private record Values(Properties p) {
    String string(String key) {
      return p.getProperty(key, "").strip();
    }

    String nonBlank(String key) {
      String v = string(key);
      if (v.isEmpty()) {
        throw new ConfigException(key + " must not be empty");
      }
      return v;
    }

    int intIn(String key, int min, int max) {
      String v = string(key);
      try {
        int n = Integer.parseInt(v);
        if (n < min || n > max) {
          throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + n);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new ConfigException(key + " must be a whole number, got '" + v + "'");
      }
    }

    int port(String key) {
      return intIn(key, 1, 65535);
    }

    boolean bool(String key) {
      String v = string(key).toLowerCase(Locale.ROOT);
      return switch (v) {
        case "true", "yes", "on", "1" -> true;
        case "false", "no", "off", "0" -> false;
        default -> throw new ConfigException(key + " must be true or false, got '" + v + "'");
      };
    }

    String oneOf(String key, Set<String> allowed) {
      String v = string(key);
      if (!allowed.contains(v)) {
        throw new ConfigException(key + " must be one of " + allowed + ", got '" + v + "'");
      }
      return v;
    }

    String address(String key) {
      String v = nonBlank(key);
      try {
        InetAddress.getByName(v);
        return v;
      } catch (IOException e) {
        throw new ConfigException(key + " is not a valid address: '" + v + "'");
      }
    }

    String advertised(String key) {
      String v = nonBlank(key);
      return v.equals("auto") ? detectAddress() : address(key);
    }
  }
}

package org.atalaya.core.agents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Creates and lists agents' SIP accounts, validating input the same way for CLI and API. */
public final class AgentAccounts {
  private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,10}");

  private final AgentRepository repository;
  private final String realm;
  private final Clock clock;

  public AgentAccounts(AgentRepository repository, String realm, Clock clock) {
    this.repository = Objects.requireNonNull(repository);
    this.realm = Objects.requireNonNull(realm);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * Adds an agent. Throws IllegalArgumentException with a message fit for the user on bad input,
   * DuplicateException if the extension is taken.
   */
  public Agent add(String tenantId, String extension, String password, String name)
      throws AgentRepository.DuplicateException {
    if (extension == null || !EXTENSION.matcher(extension).matches()) {
      throw new IllegalArgumentException("extension must be 2 to 10 digits, got '" + extension + "'");
    }
    if (password == null || password.length() < 6 || password.length() > 128) {
      throw new IllegalArgumentException("SIP password must be 6 to 128 characters");
    }
    if (password.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("SIP password must not contain control characters");
    }
    String cleanName = name == null || name.isBlank() ? extension : name.strip();
    if (cleanName.length() > 100) {
      throw new IllegalArgumentException("name must be at most 100 characters");
    }
    return repository.insert(new Agent(0, tenantId, extension, cleanName, ha1(extension, realm, password), clock.instant()));
  }

  /** The agent account of an extension, any tenant. */
  public java.util.Optional<Agent> byExtension(String extension) {
    return repository.byExtension(extension);
  }

  public List<Agent> list(String tenantId) {
    return repository.list(tenantId);
  }

  /** MD5 of "user:realm:password" in lowercase hex, as RFC 2617 defines HA1. */
  public static String ha1(String user, String realm, String password) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] digest = md5.digest((user + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required by every JDK", e);
    }
  }
}

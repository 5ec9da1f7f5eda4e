package org.atalaya.web;

/** An HTTP error with its JSON {@code error} code; thrown by handlers, rendered by {@link ErrorMapping}. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final long retryAfterSeconds;

  private ApiException(int status, String code, String message) {
    this(status, code, message, 0);
  }

  private ApiException(int status, String code, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 429: the login is locked out after repeated failures; Retry-After says for how long. */
  public static ApiException lockedOut(long seconds) {
    return new ApiException(429, "locked_out",
        "too many failed logins: try again in " + Math.max(1, (seconds + 59) / 60) + " min", Math.max(1, seconds));
  }

  /** 403: a cookie session's unsafe request without the session's CSRF token. */
  public static ApiException csrf() {
    return new ApiException(403, "csrf", "missing or wrong X-CSRF-Token header: reload the page");
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  public static ApiException unauthorized() {
    return new ApiException(401, "unauthorized", "log in first");
  }

  public static ApiException badCredentials() {
    return new ApiException(401, "unauthorized", "wrong login or password");
  }

  /** 409: the request is valid but the current state does not allow it (the message says why). */
  public static ApiException conflict(String message) {
    return new ApiException(409, "conflict", message);
  }

  public static ApiException forbidden() {
    return new ApiException(403, "forbidden", "your role does not allow this");
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " not found");
  }

  /** Seconds for a Retry-After header; 0 for none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}

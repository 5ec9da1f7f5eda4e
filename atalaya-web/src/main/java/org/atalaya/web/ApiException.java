package org.atalaya.web;

/** An HTTP error with its JSON {@code error} code; thrown by handlers, rendered by {@link ErrorMapping}. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;

  private ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
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

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}

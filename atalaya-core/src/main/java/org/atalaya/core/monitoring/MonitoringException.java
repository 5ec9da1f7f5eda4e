package org.atalaya.core.monitoring;

/** A monitoring request that cannot be served, with the reason a client can act on. */
public final class MonitoringException extends RuntimeException {
  /** What went wrong, mapped by the web layer to 403, 404, 409, 400 and 503. */
  public enum Kind { FORBIDDEN, NOT_FOUND, CONFLICT, BAD_REQUEST, UNAVAILABLE }

  private final Kind kind;

  public MonitoringException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static MonitoringException forbidden() {
    return new MonitoringException(Kind.FORBIDDEN, "only supervisors and admins of the call's tenant may monitor it");
  }

  static MonitoringException notFound(String what) {
    return new MonitoringException(Kind.NOT_FOUND, what + " not found");
  }

  static MonitoringException stopping() {
    return new MonitoringException(Kind.UNAVAILABLE, "the node is stopping: no new monitoring sessions");
  }

  static MonitoringException conflict(String message) {
    return new MonitoringException(Kind.CONFLICT, message);
  }
}

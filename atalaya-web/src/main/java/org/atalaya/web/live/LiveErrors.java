package org.atalaya.web.live;

import org.atalaya.core.monitoring.MonitoringException;

/** HTTP status and error code of a monitoring refusal, for the error mapping. */
public final class LiveErrors {
  private LiveErrors() {}

  public static int status(MonitoringException e) {
    return switch (e.kind()) {
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case BAD_REQUEST -> 400;
      case UNAVAILABLE -> 503;
    };
  }

  public static String code(MonitoringException e) {
    return switch (e.kind()) {
      case FORBIDDEN -> "forbidden";
      case NOT_FOUND -> "not_found";
      case CONFLICT -> "conflict";
      case BAD_REQUEST -> "bad_request";
      case UNAVAILABLE -> "unavailable";
    };
  }
}

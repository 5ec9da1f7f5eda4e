package org.atalaya.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.atalaya.core.agents.AgentRepository.DuplicateException;
import org.atalaya.core.monitoring.MonitoringException;
import org.atalaya.web.live.LiveErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where exceptions become HTTP statuses and JSON error bodies. */
final class ErrorMapping {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  private ErrorMapping() {}

  static void register(RoutesConfig routes) {
    routes.exception(ApiException.class, (e, ctx) -> {
      if (e.status() == 401 && ctx.header("Authorization") != null) {
        // Only a client that tried Basic gets the challenge: browsers would pop up a dialog otherwise.
        ctx.header("WWW-Authenticate", "Basic realm=\"atalaya\", charset=\"UTF-8\"");
      }
      if (e.retryAfterSeconds() > 0) {
        ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      }
      write(ctx, e.status(), e.code(), e.getMessage());
    });
    routes.exception(MonitoringException.class, (e, ctx) -> {
      if (e.kind() == MonitoringException.Kind.UNAVAILABLE) {
        ctx.header("Retry-After", "30"); // a stopping node: about what a restart takes
      }
      write(ctx, LiveErrors.status(e), LiveErrors.code(e), e.getMessage());
    });
    // AgentAccounts and UserAccounts write their messages for the user, so they pass through.
    routes.exception(IllegalArgumentException.class, (e, ctx) -> write(ctx, 400, "bad_request", e.getMessage()));
    routes.exception(DuplicateException.class, (e, ctx) -> write(ctx, 409, "conflict", e.getMessage()));
    routes.exception(Exception.class, (e, ctx) -> {
      String where;
      try {
        where = ctx.method() + " " + ctx.path();
      } catch (RuntimeException recycled) {
        // The request is already finished and recycled by Jetty: nobody is left to answer.
        LOG.debug("exception after the response was recycled: {}", e.toString());
        return;
      }
      LOG.error("{} failed", where, e);
      write(ctx, 500, "internal_error", "internal error");
    });
  }

  private static void write(Context ctx, int status, String code, String message) {
    ctx.status(status).json(Map.of("error", code, "message", message == null ? code : message));
  }
}

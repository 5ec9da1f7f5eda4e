package org.atalaya.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.calls.ActiveCalls;
import org.atalaya.core.calls.TransferTarget;
import org.atalaya.core.users.Role;
import org.atalaya.web.ApiException;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/**
 * Transfers from the web: {@code POST /api/v1/calls/{id}/transfer {"to": "agent:1302" |
 * "queue:technical", "mode": "blind" | "attended"}}, then for an attended one {@code POST
 * /api/v1/calls/{id}/transfer/complete} or {@code DELETE /api/v1/calls/{id}/transfer}. The agent
 * on the call and the tenant's supervisors and admins may transfer; other roles get 403 before
 * anything is looked up, another tenant's call (or, for an agent, another agent's) is 404. A
 * target that cannot take the call is 400 or 409 with the reason. Each is audited as
 * {@code call.transfer}, {@code call.transfer.complete} or {@code call.transfer.cancel}.
 *
 * <p>{@code POST /api/v1/calls/{id}/escalate {"reason": "..."}} is the agent's "escalate" action
 * (legal risk, a serious complaint): a blind transfer to the tenant's {@value #ESCALATION_QUEUE}
 * queue, the one the shipped escalation IVR flow also sends critical callers to; audited as
 * {@code call.escalate} with the reason.
 */
public final class TransferRoutes {
  /** The queue escalations go to: its agents are the supervisors (skill "escalation"). */
  public static final String ESCALATION_QUEUE = "supervisors";
  private final Authenticator auth;
  private final LiveServices live;
  private final ObjectMapper mapper;
  private final ActiveCalls activeCalls;
  private final AuditLog audit;
  private final Clock clock;

  public TransferRoutes(Authenticator auth, LiveServices live, ObjectMapper mapper, ActiveCalls activeCalls,
      AuditLog audit, Clock clock) {
    this.auth = auth;
    this.live = live;
    this.mapper = mapper;
    this.activeCalls = activeCalls;
    this.audit = audit;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/calls/{id}/transfer", ctx -> {
      Principal p = caller(ctx);
      JsonNode body;
      try {
        body = mapper.readTree(ctx.body());
      } catch (Exception e) {
        throw ApiException.badRequest("body must be JSON: {\"to\": \"agent:1302\", \"mode\": \"blind\"}");
      }
      if (body == null || !body.path("to").isTextual()) {
        throw ApiException.badRequest("\"to\" must name the target: agent:<extension> or queue:<name>");
      }
      String mode = body.path("mode").asText("blind");
      if (!mode.equals("blind") && !mode.equals("attended")) {
        throw ApiException.badRequest("\"mode\" must be blind or attended, not '" + mode + "'");
      }
      TransferTarget target = TransferTarget.parse(body.get("to").asText());
      ActiveCall call = run(() -> live.transfers().transfer(p.tenantId(), ctx.pathParam("id"), target,
          mode.equals("attended"), p.login()));
      audit(p, "call.transfer", call, "to=" + body.get("to").asText().strip() + " mode=" + mode);
      reply(ctx, call);
    });
    routes.post("/api/v1/calls/{id}/escalate", ctx -> {
      Principal p = caller(ctx);
      String reason = "";
      if (!ctx.body().isBlank()) {
        JsonNode body;
        try {
          body = mapper.readTree(ctx.body());
        } catch (Exception e) {
          throw ApiException.badRequest("body must be JSON: {\"reason\": \"...\"} or empty");
        }
        reason = body == null ? "" : body.path("reason").asText("").strip();
        if (reason.length() > 200) {
          throw ApiException.badRequest("reason is at most 200 characters");
        }
      }
      ActiveCall call;
      try {
        call = run(() -> live.transfers().transfer(p.tenantId(), ctx.pathParam("id"),
            new TransferTarget.Queue(ESCALATION_QUEUE), false, p.login()));
      } catch (IllegalArgumentException e) {
        throw ApiException.conflict("escalation needs a queue named " + ESCALATION_QUEUE
            + " in the routing document: " + e.getMessage());
      }
      audit(p, "call.escalate", call, "queue=" + ESCALATION_QUEUE + (reason.isEmpty() ? "" : " reason=" + reason));
      reply(ctx, call);
    });
    routes.post("/api/v1/calls/{id}/transfer/complete", ctx -> {
      Principal p = caller(ctx);
      ActiveCall call = run(() -> live.transfers().completeTransfer(p.tenantId(), ctx.pathParam("id"), p.login()));
      audit(p, "call.transfer.complete", call, "agent=" + call.agentExtension());
      reply(ctx, call);
    });
    routes.delete("/api/v1/calls/{id}/transfer", ctx -> {
      Principal p = caller(ctx);
      ActiveCall call = run(() -> live.transfers().cancelTransfer(p.tenantId(), ctx.pathParam("id"), p.login()));
      audit(p, "call.transfer.cancel", call, "agent=" + call.agentExtension());
      reply(ctx, call);
    });
  }

  /** Who asks: an agent only about the call it is on. */
  private Principal caller(Context ctx) {
    Principal p = auth.require(ctx).requireRole(Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
    if (p.role() == Role.AGENT) {
      String callId = ctx.pathParam("id");
      boolean own = p.agentExtension() != null && activeCalls.list(p.tenantId()).stream()
          .anyMatch(c -> c.id().equals(callId) && p.agentExtension().equals(c.agentExtension()));
      if (!own) {
        throw ApiException.notFound("call");
      }
    }
    return p;
  }

  private interface Action {
    java.util.Optional<ActiveCall> run();
  }

  private static ActiveCall run(Action action) {
    try {
      return action.run().orElseThrow(() -> ApiException.notFound("call"));
    } catch (IllegalStateException e) {
      throw ApiException.conflict(e.getMessage());
    }
  }

  private void audit(Principal p, String action, ActiveCall call, String detail) {
    audit.append(new AuditEvent(p.tenantId(), clock.instant(), p.login(), action, "call:" + call.id(), detail));
  }

  private static void reply(Context ctx, ActiveCall call) {
    ctx.json(Map.of("callId", call.id(), "state", call.state().name(),
        "agentExtension", call.agentExtension() == null ? "" : call.agentExtension()));
  }
}

package org.atalaya.web.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.atalaya.core.calls.ActiveCalls;
import org.atalaya.core.calls.CallRecordRepository;
import org.atalaya.core.users.Role;
import org.atalaya.web.ApiException;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/** Call detail records and live calls, scoped to the user's tenant and role. */
public final class CallRoutes {
  private final Authenticator auth;
  private final CallRecordRepository calls;
  private final ActiveCalls activeCalls;

  public CallRoutes(Authenticator auth, CallRecordRepository calls, ActiveCalls activeCalls) {
    this.auth = auth;
    this.calls = calls;
    this.activeCalls = activeCalls;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/calls", this::list);
    // Registered before {id} so that "active" is never read as a call id.
    routes.get("/api/v1/calls/active", this::active);
    routes.get("/api/v1/calls/{id}", this::one);
    routes.get("/api/v1/voicemail", this::voicemail);
  }

  /**
   * The tenant's voicemail messages, newest first, for supervisors and admins: {@code ?box=} one
   * queue's mailbox. Each is a call with its {@code recordingId}, played like any recording.
   */
  private void voicemail(Context ctx) {
    Principal p = auth.require(ctx).requireRole(Role.SUPERVISOR,
        Role.ADMIN);
    Paging page = Paging.from(ctx);
    String box = ctx.queryParam("box");
    var items = calls.voicemails(p.tenantId(), box == null || box.isBlank() ? null : box.strip(), page.offset(),
        page.limit()).stream().map(Views.CallView::of).toList();
    ctx.json(new Views.Page<>(items, page.offset(), page.limit()));
  }

  private void list(Context ctx) {
    Principal p = auth.require(ctx);
    Paging page = Paging.from(ctx);
    var items = calls.list(p.tenantId(), p.agentFilter(), page.offset(), page.limit()).stream()
        .map(Views.CallView::of).toList();
    ctx.json(new Views.Page<>(items, page.offset(), page.limit()));
  }

  private void active(Context ctx) {
    Principal p = auth.require(ctx);
    var items = activeCalls.list(p.tenantId()).stream()
        .filter(c -> p.canSee(c.agentExtension()))
        .map(Views.ActiveCallView::of).toList();
    ctx.json(items);
  }

  private void one(Context ctx) {
    Principal p = auth.require(ctx);
    var call = calls.byId(p.tenantId(), ctx.pathParam("id"))
        // A transferred call is also each later agent's.
        .filter(c -> p.canSee(c.agentExtension()) || c.segments().stream().anyMatch(s -> p.canSee(s.agentExtension())))
        .orElseThrow(() -> ApiException.notFound("call"));
    ctx.json(Views.CallView.of(call));
  }
}

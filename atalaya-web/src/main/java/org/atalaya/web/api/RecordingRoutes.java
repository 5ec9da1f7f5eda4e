package org.atalaya.web.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.recording.RecordingRepository;
import org.atalaya.web.ApiException;
import org.atalaya.web.audio.WavStreamer;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.Principal;

/** The recording library: list, details and audio as WAV, scoped to the user's tenant and role. */
public final class RecordingRoutes {
  private final Authenticator auth;
  private final RecordingRepository recordings;
  private final WavStreamer streamer;
  private final AuditLog audit;
  private final Clock clock;

  public RecordingRoutes(Authenticator auth, RecordingRepository recordings, WavStreamer streamer, AuditLog audit,
      Clock clock) {
    this.auth = auth;
    this.recordings = recordings;
    this.streamer = streamer;
    this.audit = audit;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/recordings", this::list);
    routes.get("/api/v1/recordings/{id}", ctx -> ctx.json(Views.RecordingView.of(find(ctx))));
    routes.get("/api/v1/recordings/{id}/audio", this::audio);
    routes.get("/api/v1/recordings/{id}/gaps", ctx -> {
      RecordingInfo r = find(ctx);
      ctx.json(recordings.gaps(r.tenantId(), r.id()));
    });
  }

  private void list(Context ctx) {
    Principal p = auth.require(ctx);
    Paging page = Paging.from(ctx);
    var items = recordings.list(p.tenantId(), p.agentFilter(), page.offset(), page.limit()).stream()
        .map(Views.RecordingView::of).toList();
    ctx.json(new Views.Page<>(items, page.offset(), page.limit()));
  }

  private void audio(Context ctx) throws java.io.IOException {
    Principal p = auth.require(ctx);
    RecordingInfo r = find(ctx);
    // A player fetches one playback as many Range requests: audit the one that starts it.
    String range = ctx.header("Range");
    if (range == null || range.replace(" ", "").startsWith("bytes=0-")) {
      audit.append(new AuditEvent(p.tenantId(), clock.instant(), p.login(), "recording.play",
          "recording:" + r.id(), "call=" + r.callId() + (range == null ? " whole" : " range=" + range)));
    }
    streamer.stream(ctx, r);
  }

  /** Another tenant's or (for an agent) another agent's recording is reported as absent, not forbidden. */
  private RecordingInfo find(Context ctx) {
    Principal p = auth.require(ctx);
    return recordings.byId(p.tenantId(), ctx.pathParam("id"))
        .filter(r -> p.canSee(r.agentExtension()))
        .orElseThrow(() -> ApiException.notFound("recording"));
  }
}

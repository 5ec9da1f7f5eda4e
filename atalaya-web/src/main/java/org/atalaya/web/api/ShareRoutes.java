package org.atalaya.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.atalaya.core.library.Library;
import org.atalaya.core.library.Share;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.recording.RecordingRepository;
import org.atalaya.web.ApiException;
import org.atalaya.web.Json;
import org.atalaya.web.audio.WavStreamer;

/**
 * Share links: {@code POST /api/v1/recordings/{id}/shares {"hours": 24}} makes one (annotating
 * roles), {@code GET} lists a recording's, {@code DELETE /api/v1/shares/{id}} revokes one.
 * {@code /share/{token}} is a bare player page for someone without an account and
 * {@code /share/{token}/audio} its audio; an expired or revoked link answers 410, and every
 * opening, refused ones included, is audited under the actor {@code share:<id>}.
 */
public final class ShareRoutes {
  public record ShareView(String id, String createdBy, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    static ShareView of(Share s) {
      return new ShareView(s.id(), s.createdBy(), s.createdAt(), s.expiresAt(), s.revokedAt());
    }
  }

  private final RecordingAccess access;
  private final Library library;
  private final RecordingRepository recordings;
  private final WavStreamer streamer;
  private final ObjectMapper mapper;

  public ShareRoutes(RecordingAccess access, Library library, RecordingRepository recordings, WavStreamer streamer,
      ObjectMapper mapper) {
    this.access = access;
    this.library = library;
    this.recordings = recordings;
    this.streamer = streamer;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/recordings/{id}/shares", this::create);
    routes.get("/api/v1/recordings/{id}/shares", ctx -> {
      var v = access.annotate(ctx);
      ctx.json(library.shares(v.principal().tenantId(), v.recording().id()).stream().map(ShareView::of).toList());
    });
    routes.delete("/api/v1/shares/{shareId}", ctx -> {
      var p = access.principal(ctx);
      RecordingAccess.requireAnnotator(p);
      if (!library.revokeShare(p.tenantId(), ctx.pathParam("shareId"), p.login())) {
        throw ApiException.notFound("active share");
      }
      ctx.status(204);
    });
    routes.get("/share/{token}", this::page);
    routes.get("/share/{token}/audio", this::audio);
  }

  private void create(Context ctx) {
    var v = access.annotate(ctx);
    JsonNode body = Json.body(ctx, mapper, JsonNode.class);
    int hours = body.path("hours").isMissingNode() ? 72 : body.path("hours").asInt(-1);
    var issued = library.share(v.principal().tenantId(), v.recording().id(), Duration.ofHours(hours),
        v.principal().login());
    ctx.status(201).json(Map.of("id", issued.share().id(), "url", "/share/" + issued.token(),
        "expiresAt", issued.share().expiresAt()));
  }

  private Optional<RecordingInfo> open(Context ctx, boolean audited) {
    String token = ctx.pathParam("token");
    Optional<Share> share = library.openShare(token, ctx.ip(), audited);
    if (share.isEmpty()) {
      throw library.shareExists(token) ? new ApiException410() : ApiException.notFound("share link");
    }
    return recordings.byId(share.get().tenantId(), share.get().recordingId())
        .filter(r -> r.status() != RecordingInfo.Status.DELETED);
  }

  private void page(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Content-Security-Policy", "default-src 'self'; media-src 'self'; object-src 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    try {
      RecordingInfo r = open(ctx, false).orElseThrow(() -> ApiException.notFound("recording"));
      ctx.contentType("text/html; charset=utf-8").result("<!doctype html><html lang=\"es\"><head><meta charset=\"utf-8\">"
          + "<title>Atalaya</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body class=\"share\">"
          + "<main><h1>Grabación compartida · Shared recording</h1><p>" + r.startedAt() + " · "
          + r.durationMillis() / 1000 + " s</p><audio controls preload=\"metadata\" src=\"/share/"
          + ctx.pathParam("token") + "/audio\"></audio></main></body></html>");
    } catch (ApiException410 gone) {
      ctx.status(410).contentType("text/html; charset=utf-8").result("<!doctype html><html><head><meta charset=\"utf-8\">"
          + "<title>Atalaya</title></head><body><p>Este enlace ha caducado o fue revocado. · This link has expired or was"
          + " revoked.</p></body></html>");
    }
  }

  private void audio(Context ctx) throws java.io.IOException {
    String range = ctx.header("Range");
    boolean first = range == null || range.replace(" ", "").startsWith("bytes=0-");
    RecordingInfo r;
    try {
      r = open(ctx, first).orElseThrow(() -> ApiException.notFound("recording"));
    } catch (ApiException410 gone) {
      ctx.status(410).json(Map.of("error", "gone", "message", "this share link has expired or was revoked"));
      return;
    }
    ctx.header("Referrer-Policy", "no-referrer");
    streamer.stream(ctx, r);
  }

  /** An expired or revoked link, told apart from one that never existed. */
  private static final class ApiException410 extends RuntimeException {
    ApiException410() {
      super(null, null, false, false);
    }
  }
}

package org.atalaya.web.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import org.atalaya.core.audit.AuditEvent;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.recording.RecordingInfo;
import org.atalaya.core.recording.RecordingStore;
import org.atalaya.web.ApiException;
import org.atalaya.web.audio.OpusExport;
import org.atalaya.web.audio.Peaks;
import org.atalaya.web.audio.WavStreamer;

/**
 * A recording's details, gaps, waveform peaks and audio (WAV with Range for the player, or a
 * download as WAV or Ogg/Opus), for those {@link RecordingAccess} lets see it. Every playback and
 * download is audited. The list and search are {@link LibraryRoutes}.
 */
public final class RecordingRoutes {
  private static final int MAX_BUCKETS = 4000;
  private final RecordingAccess access;
  private final RecordingStore store;
  private final WavStreamer streamer;
  private final AuditLog audit;
  private final Clock clock;

  public RecordingRoutes(RecordingAccess access, RecordingStore store, AuditLog audit, Clock clock) {
    this.access = access;
    this.store = store;
    this.streamer = new WavStreamer(store);
    this.audit = audit;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/recordings/{id}", ctx -> ctx.json(Views.RecordingView.of(access.find(ctx).recording())));
    routes.get("/api/v1/recordings/{id}/audio", this::audio);
    routes.get("/api/v1/recordings/{id}/gaps", ctx -> {
      RecordingInfo r = access.find(ctx).recording();
      ctx.json(access.gaps(r));
    });
    routes.get("/api/v1/recordings/{id}/peaks", this::peaks);
    routes.get("/api/v1/recordings/{id}/download", this::download);
  }

  private void audio(Context ctx) throws java.io.IOException {
    var v = access.find(ctx);
    RecordingInfo r = v.recording();
    // A player fetches one playback as many Range requests: audit the one that starts it.
    String range = ctx.header("Range");
    if (range == null || range.replace(" ", "").startsWith("bytes=0-")) {
      audit.append(new AuditEvent(r.tenantId(), clock.instant(), v.principal().login(), "recording.play",
          "recording:" + r.id(), "call=" + r.callId() + (range == null ? " whole" : " range=" + range)));
    }
    streamer.stream(ctx, r);
  }

  private void peaks(Context ctx) throws java.io.IOException {
    RecordingInfo r = access.find(ctx).recording();
    int buckets = ctx.queryParamAsClass("buckets", Integer.class)
        .check(b -> b >= 10 && b <= MAX_BUCKETS, "buckets: 10 to " + MAX_BUCKETS).getOrDefault(800);
    long bytes = streamer.dataBytes(r);
    float[][] peaks;
    try (var in = store.open(r.storageKey(), 0)) {
      peaks = Peaks.compute(in, bytes, r.channels(), buckets);
    }
    long millis = bytes * 1000 / (2L * Math.max(1, r.channels()) * r.sampleRate());
    ctx.header("Cache-Control", "private, max-age=60");
    ctx.json(java.util.Map.of("durationMillis", millis, "channels", peaks));
  }

  private void download(Context ctx) throws java.io.IOException {
    var v = access.find(ctx);
    RecordingInfo r = v.recording();
    String format = ctx.queryParamAsClass("format", String.class).getOrDefault("wav");
    if (!format.equals("wav") && !format.equals("opus")) {
      throw ApiException.badRequest("format: use wav or opus");
    }
    audit.append(new AuditEvent(r.tenantId(), clock.instant(), v.principal().login(), "recording.download",
        "recording:" + r.id(), "call=" + r.callId() + " format=" + format));
    String name = "recording-" + r.startedAt().toString().replace(":", "").substring(0, 15) + "-" + r.id();
    if (format.equals("wav")) {
      ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".wav\"");
      streamer.stream(ctx, r);
      return;
    }
    long bytes = streamer.dataBytes(r);
    ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".opus\"");
    ctx.header("Cache-Control", "private, no-store");
    ctx.contentType("audio/ogg; codecs=opus");
    try (var in = store.open(r.storageKey(), 0)) {
      OpusExport.write(new java.io.BufferedInputStream(in), bytes, ctx.res().getOutputStream(), r.sampleRate(),
          r.channels());
    }
  }
}

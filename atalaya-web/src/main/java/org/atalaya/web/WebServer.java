package org.atalaya.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.atalaya.core.kpi.KpiReports;
import org.atalaya.core.sla.SlaEvaluator;
import org.atalaya.core.sla.SlaRepository;
import org.atalaya.web.api.AdminRoutes;
import org.atalaya.web.api.AuditRoutes;
import org.atalaya.web.api.CallRoutes;
import org.atalaya.web.api.KpiRoutes;
import org.atalaya.web.api.LibraryRoutes;
import org.atalaya.web.api.PolicyRoutes;
import org.atalaya.web.api.RecordingAccess;
import org.atalaya.web.api.RecordingRoutes;
import org.atalaya.web.api.RetentionRoutes;
import org.atalaya.web.api.ShareRoutes;
import org.atalaya.web.audio.WavStreamer;
import org.atalaya.web.auth.Authenticator;
import org.atalaya.web.auth.SessionRoutes;
import org.atalaya.web.auth.Sessions;
import org.atalaya.web.auth.TokenRoutes;
import org.atalaya.web.ivr.IvrRoutes;
import org.atalaya.web.ivr.QueueServiceLevels;
import org.atalaya.web.live.AgentStateRoutes;
import org.atalaya.web.live.DashboardRoutes;
import org.atalaya.web.live.EventRoutes;
import org.atalaya.web.live.MonitorRoutes;
import org.atalaya.web.live.MonitorSocket;
import org.atalaya.web.live.RecordingControlRoutes;
import org.atalaya.web.live.TransferRoutes;
import org.atalaya.web.sla.SlaRoutes;
import org.atalaya.web.ui.PageRoutes;

/** The HTTP server: REST API under /api/v1, the web UI, static assets. */
public final class WebServer implements AutoCloseable {
  private final Javalin app;
  private final int requestedPort;

  /** Builds the server without the SLA API; {@code port} 0 picks a free port (tests). */
  public WebServer(WebDependencies deps, int port) {
    this(deps, port, null);
  }

  /** Builds the server; with {@code sla} (null: none) the SLA API of {@code docs/KPIS.md} is served too. */
  public WebServer(WebDependencies deps, int port, SlaRepository sla) {
    this.requestedPort = port;
    ObjectMapper mapper = Json.mapper();
    Sessions sessions = new Sessions(deps.clock(), Sessions.DEFAULT_IDLE);
    Authenticator auth = new Authenticator(sessions, deps.logins(), deps.tokens(), deps.clock());
    var sessionRoutes = new SessionRoutes(auth, deps.logins(), mapper);
    var access = new RecordingAccess(auth, deps.recordings(), deps.library());
    var recordingRoutes = new RecordingRoutes(access, deps.recordingStore(), deps.audit(), deps.clock());
    var libraryRoutes = new LibraryRoutes(access, deps.library(), mapper);
    var shareRoutes = new ShareRoutes(access, deps.library(), deps.recordings(),
        new WavStreamer(deps.recordingStore()), mapper);
    var callRoutes = new CallRoutes(auth, deps.calls(), deps.activeCalls());
    var adminRoutes = new AdminRoutes(auth, deps.agents(), deps.users(), deps.agentRemoval(), mapper, deps.audit(),
        deps.clock());
    var pageRoutes = new PageRoutes(auth);
    var live = deps.live();
    this.app = Javalin.create(config -> {
      config.concurrency.useVirtualThreads = true;
      config.jsonMapper(new JavalinJackson(mapper, true));
      config.http.defaultContentType = "application/json";
      config.startup.showJavalinBanner = false;
      config.staticFiles.add(files -> {
        files.hostedPath = "/static";
        files.directory = "/web/static";
        files.location = Location.CLASSPATH;
      });
      ErrorMapping.register(config.routes);
      config.routes.before("/api/*", auth::checkCsrf);
      sessionRoutes.register(config.routes);
      new TokenRoutes(auth, deps.tokens(), mapper).register(config.routes);
      new AuditRoutes(auth, deps.audit(), deps.auditCheckpoints(), deps.clock()).register(config.routes);
      new IvrRoutes(auth, deps.ivr(), deps.audit(), mapper, deps.clock(),
          (tenant, routing) -> {
            if (live != null) {
              live.routingSaved().accept(tenant, routing);
            }
          }).register(config.routes);
      var kpis = new KpiReports(deps.calls(), deps.activity(), deps.clock());
      new KpiRoutes(auth, kpis, deps.audit(), deps.clock(),
          new QueueServiceLevels(deps.ivr(), mapper)).register(config.routes);
      if (sla != null) {
        new SlaRoutes(auth, sla, new SlaEvaluator(kpis), deps.audit(), mapper,
            deps.clock()).register(config.routes);
      }
      recordingRoutes.register(config.routes);
      libraryRoutes.register(config.routes);
      shareRoutes.register(config.routes);
      callRoutes.register(config.routes);
      adminRoutes.register(config.routes);
      pageRoutes.register(config.routes);
      if (live != null) {
        new MonitorRoutes(auth, live, mapper).register(config.routes);
        new MonitorSocket(auth, live, mapper).register(config.routes);
        new EventRoutes(auth, live, mapper).register(config.routes);
        new RecordingControlRoutes(auth, live, mapper, deps.activeCalls()).register(config.routes);
        new TransferRoutes(auth, live, mapper, deps.activeCalls(), deps.audit(), deps.clock())
            .register(config.routes);
        new PolicyRoutes(auth, live.policies(), mapper).register(config.routes);
        new RetentionRoutes(auth, live.retention(), mapper, deps.clock()).register(config.routes);
        new DashboardRoutes(auth, live, deps.activeCalls(), deps.agents(), deps.recordings()).register(config.routes);
        new AgentStateRoutes(auth, live, deps.agents(), deps.audit(), deps.clock()).register(config.routes);
      }
    });
  }

  public WebServer start() {
    app.start(requestedPort);
    return this;
  }

  /** Every HTTP route as "METHOD /path/{param}" (before/after filters excluded); the tenant matrix test walks them. */
  public java.util.List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
        .filter(r -> !r.startsWith("BEFORE") && !r.startsWith("AFTER"))
        .sorted().toList();
  }

  /** The port actually listened on. */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}

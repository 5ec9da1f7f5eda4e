package org.atalaya.app;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.atalaya.app.config.AtalayaConfig;
import org.atalaya.core.agents.Agent;
import org.atalaya.core.agents.AgentAccounts;
import org.atalaya.core.audit.AuditCheckpointer;
import org.atalaya.core.audit.AuditLog;
import org.atalaya.core.calls.AgentCodes;
import org.atalaya.core.calls.CallControl;
import org.atalaya.core.calls.CallSettings;
import org.atalaya.core.calls.InterruptedCalls;
import org.atalaya.core.calls.RecordingPolicies;
import org.atalaya.core.library.Library;
import org.atalaya.core.live.LiveEvent;
import org.atalaya.core.live.LiveEvents;
import org.atalaya.core.monitoring.MonitoringService;
import org.atalaya.core.monitoring.PhoneMonitoring;
import org.atalaya.core.monitoring.SupervisorDirectory;
import org.atalaya.core.prompts.Prompts;
import org.atalaya.core.recording.RecordingAudit;
import org.atalaya.core.recording.RecordingService;
import org.atalaya.core.recording.policy.PolicyService;
import org.atalaya.core.retention.RetentionSchedule;
import org.atalaya.core.retention.RetentionService;
import org.atalaya.core.routing.Acd;
import org.atalaya.core.routing.AgentActivityRecorder;
import org.atalaya.core.sla.SlaMonitor;
import org.atalaya.core.users.ApiTokens;
import org.atalaya.core.users.LoginGuard;
import org.atalaya.core.users.UserAccounts;
import org.atalaya.media.MediaConfig;
import org.atalaya.media.MediaEngine;
import org.atalaya.media.rtp.NioMediaEngine;
import org.atalaya.sip.DigestGuard;
import org.atalaya.sip.SipConfig;
import org.atalaya.sip.SipService;
import org.atalaya.sip.jain.JainSipService;
import org.atalaya.store.Database;
import org.atalaya.store.EmbeddedH2;
import org.atalaya.store.agents.JdbiAgentRepository;
import org.atalaya.store.audit.JdbiAuditLog;
import org.atalaya.store.calls.JdbiCallRecordRepository;
import org.atalaya.store.ivr.JdbiIvrRepository;
import org.atalaya.store.library.JdbiLibraryRepository;
import org.atalaya.store.policy.JdbiPolicyRepository;
import org.atalaya.store.recording.JdbiRecordingRepository;
import org.atalaya.store.retention.JdbiRetentionRepository;
import org.atalaya.store.routing.JdbiAgentActivityRepository;
import org.atalaya.store.users.JdbiApiTokenRepository;
import org.atalaya.store.users.JdbiLoginAttempts;
import org.atalaya.store.users.JdbiUserRepository;
import org.atalaya.store.vault.EncryptedRecordingStore;
import org.atalaya.store.vault.LegacyPlaintextImport;
import org.atalaya.store.vault.RecordingKeys;
import org.atalaya.web.WebDependencies;
import org.atalaya.web.WebServer;
import org.atalaya.web.ivr.IvrCatalog;
import org.atalaya.web.live.LiveServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Atalaya node, wired by hand: database, recording store, media engine, call
 * control, SIP edge and web server, started in dependency order and closed in reverse.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  /** How often the audit log's head is checkpointed while it moves. */
  static final long CHECKPOINT_MINUTES = 5;

  private final Deque<AutoCloseable> closeInOrder = new ArrayDeque<>();
  private final AtalayaConfig config;
  private Database database;
  private MediaEngine media;
  private Acd acd;
  private CallControl calls;
  private SipService sip;
  private WebServer web;
  private AgentAccounts agentAccounts;
  private UserAccounts userAccounts;
  private MonitoringService monitoring;
  private AuditLog auditLog;
  private EncryptedRecordingStore recordingStore;
  private RecordingKeys recordingKeys;
  private RetentionService retention;
  private Slas slas;
  private java.util.List<String> recoveredAtStart = java.util.List.of();
  private RecordingService recordingService;
  private DigestGuard digestGuard;
  /** Set by a second stop signal: the drain stops waiting, and nothing is cut short but the wait. */
  private volatile boolean hurry;
  private boolean closed;

  private Node(AtalayaConfig config) {
    this.config = config;
  }

  /** Starts every part; on failure, closes what was started and rethrows. */
  public static Node start(AtalayaConfig config, Clock clock) throws Exception {
    Node node = new Node(config);
    try {
      node.wire(clock);
      return node;
    } catch (Exception | Error e) {
      node.close();
      throw e;
    }
  }

  private void wire(Clock clock) throws Exception {
    boolean embedded = config.dbUrl().isBlank();
    database = Database.open(embedded ? EmbeddedH2.fileUrl(config.embeddedDbDir()) : config.dbUrl(),
        config.dbUser(), config.dbPassword());
    closeInOrder.push(database);
    if (embedded) {
      // The CLI (agent add, user add, verify) reaches the file through this node while it runs.
      closeInOrder.push(EmbeddedH2.share(config.embeddedDbDir()));
    }
    JdbiAgentRepository agents = new JdbiAgentRepository(database.jdbi());
    JdbiUserRepository users = new JdbiUserRepository(database.jdbi());
    JdbiCallRecordRepository callRecords = new JdbiCallRecordRepository(database.jdbi());
    JdbiRecordingRepository recordings = new JdbiRecordingRepository(database.jdbi());
    Vaults vault = Vaults.open(config, database, clock);
    closeInOrder.push(vault);
    recordingKeys = vault.keys();
    recordingStore = vault.store();
    // Recordings an earlier version stored in the clear are encrypted before anything else runs.
    new LegacyPlaintextImport(database.jdbi(), recordings, recordingStore, config.recordingsDir(),
        config.dataDir().resolve("legacy-import")).importAll();
    recordingService = new RecordingService(recordings, recordingStore, clock);
    // Before any call: what a crash left in the spool is finalized and listed as RECOVERED.
    recoveredAtStart = recordingService.recoverInterrupted(
        new InterruptedCalls(callRecords, config.queueName())::recordFor);
    agentAccounts = new AgentAccounts(agents, config.sipRealm(), clock);
    userAccounts = new UserAccounts(users, clock);
    // The audit log's head is anchored outside the database, so rows removed from its end are
    // noticed (docs/VAULT.md, "Audit log checkpoints"); before any call adds rows.
    auditLog = new JdbiAuditLog(database.jdbi());
    AuditCheckpointer checkpointer = new AuditCheckpointer(auditLog, vault.auditCheckpoints(), clock);
    checkpointer.atStart();
    // Runs after the web, SIP, the call threads and the timers have stopped, so no audit row can
    // follow it, and before the vault (the S3 client) and the database close.
    closeInOrder.push(checkpointer::atStop);

    media = new NioMediaEngine(new MediaConfig(InetAddress.getByName(config.mediaBind()),
        InetAddress.getByName(config.mediaAdvertised()), config.mediaPortMin(), config.mediaPortMax(), config.mediaLoops()));
    closeInOrder.push(media);

    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "atalaya-call-timers");
      t.setDaemon(true);
      return t;
    });
    closeInOrder.push(timers::shutdownNow);
    ExecutorService callThreads = Executors.newVirtualThreadPerTaskExecutor();
    // After SIP and the web are closed (nothing new comes in), what runs on them is let finish:
    // the audit rows of monitoring sessions ended with their calls, a playback being served.
    closeInOrder.push(() -> {
      callThreads.shutdown();
      if (!callThreads.awaitTermination(Math.max(1000, remainingMillis()), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        LOG.warn("call threads still busy at shutdown; going on");
      }
    });
    // Finished recordings an unreachable blob store refused wait in the spool; retry them.
    timers.scheduleWithFixedDelay(() -> callThreads.execute(recordingStore::retryUnpublished), 30, 30,
        java.util.concurrent.TimeUnit.SECONDS);
    // Between start and stop, a checkpoint whenever rows were added: what a database-only attacker
    // can remove unnoticed shrinks to the last few minutes. On a call thread: it does JDBC and fsync.
    timers.scheduleWithFixedDelay(() -> callThreads.execute(checkpointer::ifMoved), CHECKPOINT_MINUTES,
        CHECKPOINT_MINUTES, java.util.concurrent.TimeUnit.MINUTES);

    acd = new Acd(clock, timers);
    acd.defaultMaxWait(Duration.ofSeconds(config.maxWaitSeconds()));
    var ivrRepository = new JdbiIvrRepository(database.jdbi());
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    RoutingDocuments.load(ivrRepository, json, config.tenant()).ifPresent(acd::apply);
    LiveEvents events = new LiveEvents();
    SupervisorDirectory directory = new SupervisorDirectory(agentAccounts, userAccounts);
    // A supervisor's phone registers to monitor, not to be offered queue calls.
    acd.routableWhen(ext -> !directory.isSupervisorPhone(ext));
    acd.onChange(change -> events.publish(new LiveEvent.AgentChanged(config.tenant(), change.status())));
    // The agents' state history, for occupancy and wrap-up; one writer keeps JDBC off the ACD's lock.
    ExecutorService activityWriter = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("agent-activity")
        .factory());
    AgentActivityRecorder activity = new AgentActivityRecorder(config.tenant(),
        new JdbiAgentActivityRepository(database.jdbi()), activityWriter, clock);
    acd.onChange(activity);
    // Closed after the calls are hung up (their agents' last states included), before the database.
    closeInOrder.push(() -> {
      activity.close();
      activityWriter.shutdown();
      if (!activityWriter.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
        LOG.warn("agents' states not all stored within 5 s of shutting down");
      }
    });
    CallSettings settings = new CallSettings(config.tenant(), config.queueName(),
        Duration.ofSeconds(config.ringTimeoutSeconds()), Duration.ofSeconds(config.maxWaitSeconds()), config.promptLanguage(),
        Duration.ofSeconds(config.mediaTimeoutSeconds()), config.callLimits());
    Prompts prompts = new Prompts(config.dataDir().resolve("prompts"));
    calls = new CallControl(settings, media, acd, recordingService, callRecords, prompts, clock, timers, callThreads);
    monitoring = new MonitoringService(calls, auditLog, events, clock, callThreads, config.monitoringAgentTone());
    PhoneMonitoring phone = new PhoneMonitoring(monitoring, directory, acd, callThreads);
    calls.featureCodes(phone);
    calls.featureCodes(new AgentCodes(acd, media, prompts, config.tenant(),
        config.promptLanguage(), callThreads));
    calls.ivr(new IvrCatalog(ivrRepository, json));
    calls.addObserver(new RecordingAudit(auditLog, clock));
    retention = new RetentionService(new JdbiRetentionRepository(database.jdbi()), recordingStore, auditLog, clock);
    // The daily purge, at the configured hour (UTC); runs on a virtual thread, not the timer.
    RetentionSchedule.start(timers, callThreads, retention, clock, config.retentionPurgeHour());
    PolicyService policies = new PolicyService(new JdbiPolicyRepository(database.jdbi()), auditLog, clock);
    calls.recordingPolicies(new RecordingPolicies(policies::get,
        () -> java.util.concurrent.ThreadLocalRandom.current().nextInt(100)));

    digestGuard = new DigestGuard(new DigestGuard.Limits(config.sipAuthMaxFailures(),
        Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofHours(1)), clock, new GuessingAlarm(auditLog, config.tenant(), clock));
    sip = new JainSipService(
        new SipConfig(config.sipBind(), config.sipAdvertised(), config.sipPort(), config.sipRealm(),
            config.sipTrustedNetworks(), config.sipMaxRegisterExpires()),
        user -> agents.byExtension(user).map(Agent::sipHa1),
        calls,
        acd,
        digestGuard,
        clock);
    calls.bind(sip);
    phone.bind(sip);
    sip.start();
    closeInOrder.push(sip);

    slas = Slas.start(database, callRecords, activity, events, timers, callThreads, clock);
    closeInOrder.push(slas);
    web = new WebServer(new WebDependencies(userAccounts, agentAccounts, callRecords, recordings, recordingStore, calls, clock,
        agents::delete, new LiveServices(monitoring, phone, events, acd, calls, calls, policies, retention,
            (tenant, routing) -> {
              if (tenant.equals(config.tenant())) {
                acd.apply(routing); // this node serves only its tenant's calls
              }
            }, config.tenant(), calls::admission, () -> digestGuard.status()), auditLog,
        new LoginGuard(userAccounts, users,
            new JdbiLoginAttempts(database.jdbi()), auditLog, clock),
        new ApiTokens(new JdbiApiTokenRepository(database.jdbi()), users,
            auditLog, clock),
        new Library(new JdbiLibraryRepository(database.jdbi()),
            auditLog, clock),
        ivrRepository, activity, vault.auditCheckpoints()),
        config.webPort(), slas.repository);
    web.start();
    closeInOrder.push(web);
    LOG.info("Atalaya is up: SIP {}:{} (udp, tcp), web http://localhost:{}/, data in {}",
        config.sipAdvertised(), config.sipPort(), web.port(), config.dataDir().toAbsolutePath());
  }

  public AtalayaConfig config() {
    return config;
  }

  public int webPort() {
    return web.port();
  }

  public CallControl calls() {
    return calls;
  }

  /** The encrypted recording store (tests read blobs and keys through it). */
  public EncryptedRecordingStore recordingStore() {
    return recordingStore;
  }

  /** Retention, holds and erasure (the purge job runs daily). */
  public RetentionService retention() {
    return retention;
  }

  /** The SLA monitor (it ticks every minute; tests tick it by hand). */
  public SlaMonitor slaMonitor() {
    return slas.monitor;
  }

  /** Ids of the recordings recovered from the spool at start-up. */
  public java.util.List<String> recoveredAtStart() {
    return recoveredAtStart;
  }

  /** SIP password-guessing defence: blocked addresses, protected accounts. */
  public DigestGuard digestGuard() {
    return digestGuard;
  }

  public Acd acd() {
    return acd;
  }

  public MediaEngine media() {
    return media;
  }

  public SipService sip() {
    return sip;
  }

  public AgentAccounts agentAccounts() {
    return agentAccounts;
  }

  public UserAccounts userAccounts() {
    return userAccounts;
  }

  public MonitoringService monitoring() {
    return monitoring;
  }

  public AuditLog auditLog() {
    return auditLog;
  }

  public Database database() {
    return database;
  }

  /**
   * After a second signal, how long the calls still get (ms): enough for their BYEs to go out and a
   * short recording to be finalized while SIP is still up. Cut at once, the hang-ups were queued on
   * the calls' threads but SIP stopped first: no leg got its BYE ("Stack is stopped").
   */
  public static final long HURRIED_WAIT_MS = 1000;

  private volatile long hurriedAt;

  /**
   * Cuts short the wait of a stop in progress (a second SIGTERM or Ctrl-C) to
   * {@link #HURRIED_WAIT_MS}: calls not ended by then are left to the next start's recovery, and
   * everything else closes in order as usual.
   */
  public void hurry() {
    hurriedAt = System.nanoTime();
    hurry = true;
  }

  private boolean hurriedPast() {
    return hurry && System.nanoTime() - hurriedAt > HURRIED_WAIT_MS * 1_000_000;
  }

  /**
   * The one ordered shutdown, within {@code shutdown.grace-ms}: new calls and monitoring sessions
   * are refused with 503, live calls are hung up (BYE to both legs) and their recordings finalized,
   * then the web, SLA jobs, SIP, call threads, timers and media close, the audit log's head is
   * checkpointed, and the vault and last the database close.
   * What has not ended when the grace runs out stays as the crash recovery expects it, named in the log.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopStarted = System.nanoTime();
    int completed = calls == null ? 0 : drainCalls();
    while (!closeInOrder.isEmpty()) {
      AutoCloseable c = closeInOrder.pop();
      try {
        c.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LOG.warn("interrupted while shutting down {}", c);
      } catch (Exception e) {
        LOG.warn("error while shutting down {}", c, e);
      }
    }
    if (calls != null) {
      LOG.info("stopped in {} s: {} recordings completed", String.format(java.util.Locale.ROOT, "%.1f",
          (System.nanoTime() - stopStarted) / 1e9), completed);
    }
  }

  private long stopStarted;

  /** What is left of the grace period; at most what is left of the hurried wait after a second signal. */
  private long remainingMillis() {
    long left = config.shutdownGrace().toMillis() - (System.nanoTime() - stopStarted) / 1_000_000;
    if (hurry) {
      left = Math.min(left, HURRIED_WAIT_MS - (System.nanoTime() - hurriedAt) / 1_000_000);
    }
    return Math.max(0, left);
  }

  /** Refuses new work, ends the live calls and returns how many recordings were completed. */
  private int drainCalls() {
    int liveCalls = calls.liveCount();
    int open = recordingService.openCount();
    int sessions = monitoring == null ? 0 : monitoring.liveCount();
    LOG.info("stopping: {} live calls, {} recordings open, {} monitoring sessions", liveCalls, open, sessions);
    calls.stopTakingCalls();
    if (monitoring != null) {
      monitoring.stop();
    }
    java.util.List<String> left;
    try {
      left = calls.hangupAll(Duration.ofMillis(remainingMillis()), this::hurriedPast);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      left = java.util.List.of("(interrupted)");
    }
    int stillOpen = recordingService.openCount();
    if (!left.isEmpty()) {
      LOG.warn("{} calls not ended within the grace period ({} recordings open), left to the next start's"
          + " recovery: {}", left.size(), stillOpen, String.join(", ", left));
    } else {
      LOG.info("calls ended: {}, recordings completed: {}", liveCalls, open - stillOpen);
    }
    return open - stillOpen;
  }
}

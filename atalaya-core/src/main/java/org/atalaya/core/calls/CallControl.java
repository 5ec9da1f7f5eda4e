package org.atalaya.core.calls;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.atalaya.core.ivr.IvrDirectory;
import org.atalaya.core.prompts.Prompts;
import org.atalaya.core.recording.RecordingService;
import org.atalaya.core.routing.Acd;
import org.atalaya.media.MediaEngine;
import org.atalaya.sip.CallHandler;
import org.atalaya.sip.InboundCall;
import org.atalaya.sip.SipService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call control for the node: creates a {@link CustomerCall} with its own mailbox for every
 * incoming call and keeps the live ones for the dashboard.
 *
 * <p>Threading: {@link #onIncomingCall} comes from SIP threads, {@link #list} from HTTP threads;
 * the registry is a concurrent map and each call's state lives in its own mailbox.
 */
public final class CallControl implements CallHandler, ActiveCalls, CallRecordingControl, CallTransfers {
  private static final Logger LOG = LoggerFactory.getLogger(CallControl.class);

  private final CallSettings settings;
  private final MediaEngine media;
  private final Acd acd;
  private final RecordingService recordings;
  private final CallRecordRepository records;
  private final Prompts prompts;
  private final Clock clock;
  private final ScheduledExecutorService timers;
  private final Executor executor;
  private final CallAdmission admission;
  private final Map<String, CustomerCall> live = new ConcurrentHashMap<>();
  private final List<CallObserver> observers = new CopyOnWriteArrayList<>();
  private volatile CallContext context;
  private final List<FeatureCodeHandler> featureCodes = new CopyOnWriteArrayList<>();
  private volatile RecordingPolicies policies = RecordingPolicies.RECORD_ALL;
  private volatile IvrDirectory ivr = IvrDirectory.NONE;
  /** Set once by an orderly stop: every new call is refused from then on. */
  private volatile boolean stopping;

  /** Retry-After of the 503 a stopping node answers: about what a restart takes. */
  static final int STOPPING_RETRY_AFTER_SECONDS = 30;

  public CallControl(
      CallSettings settings,
      MediaEngine media,
      Acd acd,
      RecordingService recordings,
      CallRecordRepository records,
      Prompts prompts,
      Clock clock,
      ScheduledExecutorService timers,
      Executor executor) {
    this.settings = Objects.requireNonNull(settings);
    this.media = Objects.requireNonNull(media);
    this.acd = Objects.requireNonNull(acd);
    this.recordings = Objects.requireNonNull(recordings);
    this.records = Objects.requireNonNull(records);
    this.prompts = Objects.requireNonNull(prompts);
    this.clock = Objects.requireNonNull(clock);
    this.timers = Objects.requireNonNull(timers);
    this.executor = Objects.requireNonNull(executor);
    this.admission = new CallAdmission(settings.admission(), clock);
    featureCodes.add(new PhoneConsultations(acd, this::connectedTo));
  }

  /** The live call whose current agent is {@code extension}, talking or holding; null if none. */
  private CustomerCall connectedTo(String extension) {
    for (CustomerCall c : live.values()) {
      ActiveCall now = c.snapshot();
      if (extension.equals(now.agentExtension())
          && (now.state() == ActiveCall.State.CONNECTED || now.state() == ActiveCall.State.ON_HOLD)) {
        return c;
      }
    }
    return null;
  }

  /**
   * Gives call control the SIP service it dials agents through. The SIP service needs this
   * object as its call handler, so one of the two has to be wired after construction.
   */
  public void bind(SipService sip) {
    context = new CallContext(settings, media, sip, acd, recordings, records, prompts, clock, timers, executor,
        this::ended, new Observers(), policies, ivr);
    if (!settings.mediaTimeout().isZero()) {
      // One sweep for all calls; each call checks its own counters in its mailbox. A quarter of
      // the timeout (1 to 5 s) apart, so a silent side is hung up at most that late.
      long every = Math.clamp(settings.mediaTimeout().toMillis() / 4, 1000, 5000);
      timers.scheduleWithFixedDelay(this::watchMedia, every, every, TimeUnit.MILLISECONDS);
    }
  }

  private void watchMedia() {
    try {
      for (CustomerCall c : live.values()) {
        c.mailbox.post(c.mediaWatch::check);
      }
    } catch (RuntimeException e) {
      LOG.warn("media watch sweep failed: {}", e.toString()); // an exception would end the schedule
    }
  }

  /** The IVR flows calls run by dialled number; before {@link #bind}. Default: none, all to the queue. */
  public void ivr(IvrDirectory ivr) {
    this.ivr = Objects.requireNonNull(ivr);
  }

  /** Where each tenant's recording policy comes from; before {@link #bind}. Default: record all. */
  public void recordingPolicies(RecordingPolicies policies) {
    this.policies = Objects.requireNonNull(policies);
  }

  /** Adds an observer of every call's changes (dashboard, monitoring). */
  public void addObserver(CallObserver observer) {
    observers.add(observer);
  }

  /**
   * Routes the feature codes {@code handler} serves (e.g. {@code *21<ext>}) to it instead of the
   * queue; each call adds a handler, and the first that serves a code takes it.
   */
  public void featureCodes(FeatureCodeHandler handler) {
    featureCodes.add(handler);
  }

  @Override
  public boolean requiresAuthentication(String dialledUser) {
    return featureCodes.stream().anyMatch(h -> h.handles(dialledUser));
  }

  /** The live call with this id, for monitoring; empty if it ended or never existed. */
  public Optional<MonitorTarget> target(String callId) {
    CustomerCall call = live.get(callId);
    return call == null ? Optional.empty() : Optional.of(new CallMonitorPort(call, context));
  }

  /** The connected call of an agent, for monitoring by extension. */
  public Optional<MonitorTarget> targetByAgent(String tenantId, String extension) {
    return live.values().stream()
        .filter(c -> c.snapshot().tenantId().equals(tenantId) && extension.equals(c.snapshot().agentExtension()))
        .filter(c -> c.snapshot().answeredAt() != null)
        .findFirst()
        .map(c -> (MonitorTarget) new CallMonitorPort(c, context));
  }

  /**
   * Switches the sensitive segment (card data) of a live call of the tenant on or off: the
   * recording gets silence and the gap is marked, monitors hear nothing. Returns the call's new
   * snapshot, or empty if the tenant has no such live call.
   */
  @Override
  public Optional<ActiveCall> sensitive(String tenantId, String callId, boolean on, String actor) {
    CustomerCall call = live.get(callId);
    if (call == null || !call.snapshot().tenantId().equals(tenantId)) {
      return Optional.empty();
    }
    return Optional.ofNullable(call.mailbox.ask(() -> call.controls.sensitive(on, actor), java.time.Duration.ofSeconds(2)));
  }

  @Override
  public Optional<ActiveCall> recording(String tenantId, String callId, boolean on, String actor) {
    return inCall(tenantId, callId, call -> call.controls.onDemand(on, actor));
  }

  @Override
  public Optional<ActiveCall> transfer(String tenantId, String callId, TransferTarget target, boolean attended,
      String actor) {
    return inCall(tenantId, callId, call -> call.transfers.transfer(target, attended, actor));
  }

  @Override
  public Optional<ActiveCall> completeTransfer(String tenantId, String callId, String actor) {
    return inCall(tenantId, callId, call -> call.transfers.complete(actor));
  }

  @Override
  public Optional<ActiveCall> cancelTransfer(String tenantId, String callId, String actor) {
    return inCall(tenantId, callId, call -> call.transfers.cancel(actor));
  }

  /**
   * Runs {@code action} in the tenant's live call's mailbox. Its IllegalStateException or
   * IllegalArgumentException reaches the caller with the reason alone, without the mailbox's
   * wrapping.
   */
  private Optional<ActiveCall> inCall(String tenantId, String callId,
      java.util.function.Function<CustomerCall, ActiveCall> action) {
    CustomerCall call = live.get(callId);
    if (call == null || !call.snapshot().tenantId().equals(tenantId)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(call.mailbox.ask(() -> action.apply(call), java.time.Duration.ofSeconds(2)));
    } catch (IllegalStateException | IllegalArgumentException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof IllegalStateException
          ? e.getCause() : e;
      if (cause instanceof IllegalArgumentException iae) {
        throw new IllegalArgumentException(iae.getMessage(), e);
      }
      throw new IllegalStateException(cause.getMessage(), e);
    }
  }

  /** Handles calls to feature codes; see {@link CallControl#featureCodes}. */
  public interface FeatureCodeHandler {
    /** Whether {@code dialledUser} is a feature code this handler serves. SIP thread. */
    boolean handles(String dialledUser);

    /** Takes over the INVITE (answer or reject it). SIP thread: hand off and return. */
    void onFeatureCode(InboundCall call);
  }

  /** Fans call events out to the observers; one failing observer does not stop the others. */
  private final class Observers implements CallObserver {
    @Override
    public void changed(ActiveCall call) {
      each(o -> o.changed(call));
    }

    @Override
    public void ended(ActiveCall last) {
      each(o -> o.ended(last));
    }

    @Override
    public void helpRequested(ActiveCall call) {
      each(o -> o.helpRequested(call));
    }

    @Override
    public void sensitiveChanged(ActiveCall call, boolean on, String actor) {
      each(o -> o.sensitiveChanged(call, on, actor));
    }

    @Override
    public void recordingChanged(ActiveCall call, boolean on, String actor) {
      each(o -> o.recordingChanged(call, on, actor));
    }

    private void each(java.util.function.Consumer<CallObserver> action) {
      for (CallObserver o : observers) {
        try {
          action.accept(o);
        } catch (RuntimeException e) {
          LOG.warn("call observer failed", e);
        }
      }
    }
  }

  @Override
  public void onIncomingCall(InboundCall inbound) {
    CallContext ctx = context;
    if (stopping) {
      // Feature codes too: a supervisor's *21 would start a monitoring session on a call that is ending.
      LOG.info("INVITE from {} to {} refused with 503: the node is stopping", inbound.fromUser(), inbound.toUser());
      inbound.refuse(STOPPING_RETRY_AFTER_SECONDS);
      return;
    }
    if (ctx == null) {
      inbound.reject(503, "Service Unavailable");
      return;
    }
    for (FeatureCodeHandler codes : featureCodes) {
      if (codes.handles(inbound.toUser())) {
        codes.onFeatureCode(inbound);
        return;
      }
    }
    Optional<CallAdmission.Refusal> refusal = admission.check(live.size());
    if (refusal.isPresent()) {
      inbound.refuse(refusal.get().retryAfterSeconds());
      return;
    }
    // From here on the call's ids and numbers are kept (logs, call record, recording): bounded.
    inbound = BoundedInboundCall.of(inbound);
    CustomerCall call = new CustomerCall(ctx, UUID.randomUUID().toString(), inbound);
    live.put(call.id(), call);
    boolean tracked = admission.tracksAnswers();
    if (tracked) {
      admission.arrived(call.id());
    }
    LOG.info("call {} from {} to {} (SIP Call-ID {})", call.id(), inbound.fromUser(), inbound.toUser(), inbound.callId());
    call.start();
    if (tracked) {
      // The mailbox runs this once the call's start (answer, recording, routing) is done.
      call.mailbox.post(() -> admission.answered(call.id()));
    }
  }

  /**
   * The admission limits and the new customer calls they refused with 503 since the node started,
   * by reason ({@link CallAdmission}).
   */
  public CallAdmission.Status admission() {
    return admission.status();
  }

  private void ended(CustomerCall call) {
    live.remove(call.id());
  }

  @Override
  public List<ActiveCall> list(String tenantId) {
    return live.values().stream()
        .map(CustomerCall::snapshot)
        .filter(c -> c.tenantId().equals(tenantId))
        .sorted(Comparator.comparing(ActiveCall::startedAt))
        .toList();
  }

  /** Calls not yet ended, all tenants. */
  public int liveCalls() {
    return live.size();
  }

  /**
   * The first step of an orderly stop: from now on every new INVITE, customer call or feature
   * code, is answered 503 with a Retry-After, so a carrier or SBC tries another node.
   */
  public void stopTakingCalls() {
    stopping = true;
  }

  /** How many calls are live (in the IVR, queued, ringing or talking). */
  public int liveCount() {
    return live.size();
  }

  /**
   * Ends every live call as the system (BYE to both legs, recording finalized, record written)
   * and waits until they have ended, {@code timeout} at most or until {@code hurry} says so.
   * Returns the ids of the calls still ending then: their recordings stay in the spool for the
   * next start's recovery.
   */
  public List<String> hangupAll(Duration timeout, java.util.function.BooleanSupplier hurry)
      throws InterruptedException {
    live.values().forEach(CustomerCall::shutdown);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!live.isEmpty() && System.nanoTime() < deadline && !hurry.getAsBoolean()) {
      Thread.sleep(20);
    }
    return live.keySet().stream().sorted().toList();
  }

}

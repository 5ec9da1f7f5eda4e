package org.atalaya.core.calls;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
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
public final class CallControl implements CallHandler, ActiveCalls {
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
  private final Map<String, CustomerCall> live = new ConcurrentHashMap<>();
  private volatile CallContext context;

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
  }

  /**
   * Gives call control the SIP service it dials agents through. The SIP service needs this
   * object as its call handler, so one of the two has to be wired after construction.
   */
  public void bind(SipService sip) {
    context = new CallContext(settings, media, sip, acd, recordings, records, prompts, clock, timers, executor, this::ended);
  }

  @Override
  public void onIncomingCall(InboundCall inbound) {
    CallContext ctx = context;
    if (ctx == null) {
      inbound.reject(503, "Service Unavailable");
      return;
    }
    CustomerCall call = new CustomerCall(ctx, UUID.randomUUID().toString(), inbound);
    live.put(call.id(), call);
    LOG.info("call {} from {} to {} (SIP Call-ID {})", call.id(), inbound.fromUser(), inbound.toUser(), inbound.callId());
    call.start();
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

  /** Ends every live call (node shutdown) and waits up to {@code timeout} for them to finish. */
  public void hangupAll(Duration timeout) throws InterruptedException {
    live.values().forEach(CustomerCall::shutdown);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!live.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    if (!live.isEmpty()) {
      LOG.warn("{} calls still ending at shutdown", live.size());
    }
  }
}

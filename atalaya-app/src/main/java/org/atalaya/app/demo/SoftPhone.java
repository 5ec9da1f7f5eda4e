package org.atalaya.app.demo;

import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Message;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small SIP user agent for the demo: registers, answers and places calls, and speaks a clip over
 * G.711 RTP. It is a real peer on the wire, not a simulation inside the server.
 *
 * <p>Each SoftPhone owns its JAIN-SIP stack (unique STACK_NAME) and one UDP port: a registered
 * agent needs its own contact address anyway, stacks are cheap, and one phone's close() can then
 * never disturb another's transactions. One phone may carry several calls at once (the demo's
 * customers share one).
 *
 * <p>Threading: public methods may be called from any thread; {@link #register} and
 * {@link #close} block briefly for the registrar. SIP events arrive on JAIN-SIP's threads
 * ({@link SoftPhoneSip}), delayed answers run on this phone's single scheduler thread; per-call
 * SIP state is guarded by each {@link PhoneCall}'s monitor. RTP runs on virtual threads.
 */
public final class SoftPhone implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SoftPhone.class);

  /** Prefix of the logger names the JAIN-SIP RI uses for demo stacks. */
  public static final String STACK_LOGGER_PREFIX = "org.atalaya.app.demo.sipstack.";

  /** Where this phone listens and who it is: {@code user} is the SIP user part, e.g. an extension. */
  public record Config(String host, int sipPort, String user, String displayName) {
    public Config {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(user, "user");
      displayName = displayName == null ? "" : displayName;
      if (sipPort <= 0 || sipPort > 65535) {
        throw new IllegalArgumentException("SIP port out of range: " + sipPort);
      }
    }
  }

  /** What to do with an incoming call: a decision value returned by the phone's policy. */
  public sealed interface Answer {
    /** Ring for {@code delay}, then answer and speak {@code audio} (8 kHz mono PCM, looped). */
    record Accept(Duration delay, short[] audio) implements Answer {}

    /** Refuse with a final SIP status such as 486 Busy Here. */
    record Reject(int status) implements Answer {}
  }

  private final Config config;
  private final Function<PhoneCall, Answer> policy;
  final SipStack stack;
  final SipProvider provider;
  final AddressFactory addresses;
  final HeaderFactory headers;
  final MessageFactory messages;
  final ScheduledExecutorService timer;
  final Map<String, PhoneCall> calls = new ConcurrentHashMap<>();
  private final SoftPhoneSip sip;
  private final ThreadGroup stackThreads;
  private volatile SipRegistration registration;
  private volatile boolean closed;

  /**
   * Starts a phone listening on {@code config.host():config.sipPort()} (UDP); {@code policy} decides
   * about each incoming call on a SIP thread, so it must not block.
   */
  public SoftPhone(Config config, Function<PhoneCall, Answer> policy) throws IOException {
    this.config = config;
    this.policy = Objects.requireNonNull(policy, "policy");
    Properties p = new Properties();
    // The RI logs under the stack's name: a common prefix lets logging config quiet all demo stacks
    // (they warn about TLS defaults on start) with one logger entry.
    p.setProperty("javax.sip.STACK_NAME", STACK_LOGGER_PREFIX + config.user() + "-" + config.sipPort()
        + "-" + UUID.randomUUID().toString().substring(0, 8));
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
    p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    SipFactory factory = SipFactory.getInstance();
    try {
      addresses = factory.createAddressFactory();
      headers = factory.createHeaderFactory();
      messages = factory.createMessageFactory();
    } catch (javax.sip.PeerUnavailableException e) {
      throw new IOException("JAIN-SIP RI not on the classpath", e);
    }
    sip = new SoftPhoneSip(this);
    // The stack's threads inherit group and daemon status from the thread that builds it: a
    // daemon thread in our own group means a leftover RI thread can neither keep the JVM alive nor
    // hide from close() (see releaseStackThreads).
    stackThreads = new ThreadGroup("demo-sip-" + config.user());
    FutureTask<Object[]> build = new FutureTask<>(() -> {
      // Built directly rather than through SipFactory.createSipStack, whose cache would keep every
      // closed demo stack reachable for the life of the JVM.
      SipStack s = new SipStackImpl(p);
      ListeningPoint lp = s.createListeningPoint(config.host(), config.sipPort(), ListeningPoint.UDP);
      SipProvider sp = s.createSipProvider(lp);
      sp.addSipListener(sip);
      s.start();
      return new Object[] {s, sp};
    });
    Thread builder = new Thread(stackThreads, build, "demo-sip-start-" + config.user());
    builder.setDaemon(true);
    builder.start();
    try {
      Object[] built = build.get();
      stack = (SipStack) built[0];
      provider = (SipProvider) built[1];
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting SIP stack", e);
    } catch (ExecutionException e) {
      throw new IOException("cannot start SIP stack on " + config.host() + ":" + config.sipPort(), e.getCause());
    }
    timer = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("demo-phone-" + config.user()).factory());
  }

  /** A UDP port that was free a moment ago on {@code host}. */
  public static int freeUdpPort(String host) throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName(host))) {
      return s.getLocalPort();
    }
  }

  public String user() {
    return config.user();
  }

  public String displayName() {
    return config.displayName();
  }

  public String host() {
    return config.host();
  }

  public int port() {
    return config.sipPort();
  }

  /** Calls in progress on this phone (ringing or active). */
  public List<PhoneCall> calls() {
    return List.copyOf(calls.values());
  }

  /**
   * Registers {@code user()} at the registrar with digest credentials and keeps the binding fresh
   * until {@link #close}; true when the registrar accepted it.
   */
  public boolean register(String registrarHost, int registrarPort, String password, Duration expires) {
    SipRegistration r = new SipRegistration(this, registrarHost, registrarPort, password);
    registration = r;
    return r.register((int) Math.max(1, expires.toSeconds()));
  }

  /**
   * Calls {@code targetUri} (e.g. {@code sip:100@127.0.0.1:5060}) as {@code fromUser} with
   * {@code fromName}, speaking {@code audio} once answered; returns at once.
   */
  public PhoneCall call(String targetUri, String fromUser, String fromName, short[] audio) throws IOException {
    if (closed) {
      throw new IllegalStateException("phone closed");
    }
    RtpStream rtp = new RtpStream(config.host());
    String callId = UUID.randomUUID() + "@atalaya-demo";
    PhoneCall call = new PhoneCall(this, callId, PhoneCall.Direction.OUTBOUND, targetUri,
        "", rtp, audio);
    calls.put(callId, call);
    try {
      synchronized (call) {
        sip.sendInvite(call, targetUri, fromUser, fromName == null ? "" : fromName);
      }
    } catch (ParseException | SipException | javax.sip.InvalidArgumentException e) {
      end(call, PhoneCall.Cause.FAILED, 0);
      throw new IOException("cannot call " + targetUri, e);
    }
    log.info("{} calling {} as {}", config.user(), targetUri, fromUser);
    return call;
  }

  /** Decides about a new incoming call. */
  Answer decide(PhoneCall call) {
    if (closed) {
      return new Answer.Reject(480);
    }
    try {
      return policy.apply(call);
    } catch (RuntimeException e) {
      log.warn("answer policy failed for {}", call, e);
      return new Answer.Reject(500);
    }
  }

  void hangup(PhoneCall call) {
    synchronized (call) {
      if (call.state() == PhoneCall.State.ENDED) {
        return;
      }
      try {
        sip.hangup(call);
      } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
        log.debug("hangup signaling failed for {}", call, e);
      }
      end(call, PhoneCall.Cause.LOCAL_HANGUP, 0);
    }
  }

  /** Marks a call answered and starts its media. */
  void started(PhoneCall call) {
    if (call.state() == PhoneCall.State.ACTIVE) {
      return;
    }
    call.state(PhoneCall.State.ACTIVE);
    call.rtp.start(call.audio, config.user());
    call.answered.complete(call);
    log.info("{} call started: {}", config.user(), call);
  }

  /** Ends a call once: stops media and completes its future. */
  void end(PhoneCall call, PhoneCall.Cause cause, int status) {
    if (call.state() == PhoneCall.State.ENDED) {
      return;
    }
    boolean wasActive = call.state() == PhoneCall.State.ACTIVE;
    call.state(PhoneCall.State.ENDED);
    call.rtp.close();
    calls.remove(call.callId());
    call.answered.completeExceptionally(new IllegalStateException("call ended before answer: " + cause));
    call.ended.complete(new PhoneCall.Ended(cause, status));
    if (wasActive) {
      log.info("{} call ended ({}): {}, rtp sent {} received {}", config.user(), cause, call,
          call.rtpPacketsSent(), call.rtpPacketsReceived());
    } else {
      log.debug("{} call not answered ({} {}): {}", config.user(), cause, status, call);
    }
  }

  SipRegistration registration() {
    return registration;
  }

  ContactHeader contactHeader(String userPart) throws ParseException {
    SipURI uri = addresses.createSipURI(userPart, config.host() + ":" + config.sipPort());
    Address a = addresses.createAddress(uri);
    return headers.createContactHeader(a);
  }

  void attachSdp(Message m, String sdp) throws ParseException {
    ContentTypeHeader ct = headers.createContentTypeHeader("application", "sdp");
    m.setContent(sdp, ct);
  }

  /** The RI's EventScanner blocks in take() and never sees stop(); an interrupt ends it. */
  private void releaseStackThreads() {
    Thread[] threads = new Thread[stackThreads.activeCount() + 8];
    int n = stackThreads.enumerate(threads);
    for (int i = 0; i < n; i++) {
      if (threads[i].getName().startsWith("EventScanner")) {
        threads[i].interrupt();
      }
    }
  }

  /** Hangs up every call, removes the registration and stops the stack. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (PhoneCall c : calls()) {
      c.hangup();
    }
    SipRegistration r = registration;
    if (r != null) {
      r.unregister();
    }
    // A moment for the BYEs and CANCELs just sent to be answered before the stack goes away.
    sip.awaitPending(Duration.ofMillis(1500));
    timer.shutdownNow();
    try {
      // stop() alone leaves the provider's non-daemon EventScannerThread running, which would keep
      // the JVM alive after the demo ends.
      provider.removeSipListener(sip);
      stack.deleteSipProvider(provider);
    } catch (javax.sip.ObjectInUseException | RuntimeException e) {
      log.debug("{}: SIP provider not released cleanly", config.user(), e);
    }
    stack.stop();
    releaseStackThreads();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

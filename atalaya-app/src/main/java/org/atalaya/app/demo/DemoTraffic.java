package org.atalaya.app.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in demo: simulated agents register and answer, simulated customers call in, all over
 * real SIP and RTP on loopback, so live calls and recordings appear without a phone.
 *
 * <p>Threading: {@link #start} and {@link #close} are called by the owner (once each). A virtual
 * thread paces new customer calls; each customer call has a virtual thread that hangs it up; the
 * phones' own threads do the rest. The shared {@link RandomGenerator} is used under this object's
 * monitor since most generators are not thread-safe.
 */
public final class DemoTraffic implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

  /** Pacing of the demo; {@link #defaults()} gives a lively but unhurried center. */
  public record Settings(String localHost, Duration callIntervalMin, Duration callIntervalMax,
      int maxConcurrentCalls, Duration callLengthMin, Duration callLengthMax, Duration answerDelayMin,
      Duration answerDelayMax, Duration giveUpAfter, String dialedNumber) {
    public Settings {
      Objects.requireNonNull(localHost, "localHost");
      Objects.requireNonNull(dialedNumber, "dialedNumber");
      if (maxConcurrentCalls < 1) {
        throw new IllegalArgumentException("maxConcurrentCalls must be >= 1");
      }
    }

    public static Settings defaults() {
      return new Settings("127.0.0.1", Duration.ofSeconds(8), Duration.ofSeconds(15), 2,
          Duration.ofSeconds(10), Duration.ofSeconds(25), Duration.ofSeconds(2), Duration.ofSeconds(4),
          Duration.ofSeconds(60), "900100200");
    }
  }

  private static final String[] ES_NAMES = {"Lucía García", "Javier Martín", "Carmen López",
      "Alejandro Sánchez", "María Fernández", "Pablo Romero"};
  private static final String[] EN_NAMES = {"Emily Johnson", "Michael Smith", "Sarah Davis",
      "James Wilson", "Olivia Brown", "Daniel Miller"};

  private final String serverHost;
  private final int serverPort;
  private final List<DemoAgent> agents;
  private final RandomGenerator random;
  private final Settings settings;
  private final DemoClips clips = DemoClips.load();
  private final List<SoftPhone> agentPhones = new CopyOnWriteArrayList<>();
  private final List<PhoneCall> customerCalls = new CopyOnWriteArrayList<>();
  private final AtomicLong placed = new AtomicLong();
  private SoftPhone customers;
  private Thread pacer;
  private volatile boolean running;

  public DemoTraffic(String serverHost, int serverPort, List<DemoAgent> agents, RandomGenerator random) {
    this(serverHost, serverPort, agents, random, Settings.defaults());
  }

  public DemoTraffic(String serverHost, int serverPort, List<DemoAgent> agents, RandomGenerator random,
      Settings settings) {
    this.serverHost = Objects.requireNonNull(serverHost, "serverHost");
    this.serverPort = serverPort;
    this.agents = List.copyOf(agents);
    this.random = Objects.requireNonNull(random, "random");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Starts and registers every agent's phone (an agent the server refuses is logged and skipped),
   * then starts placing customer calls; returns how many agents registered.
   */
  public synchronized int start() throws IOException {
    if (running) {
      throw new IllegalStateException("demo already started");
    }
    running = true;
    List<Thread> registering = new ArrayList<>();
    List<DemoAgent> registered = new CopyOnWriteArrayList<>();
    for (DemoAgent agent : agents) {
      int port = SoftPhone.freeUdpPort(settings.localHost());
      SoftPhone phone = new SoftPhone(
          new SoftPhone.Config(settings.localHost(), port, agent.extension(), agent.name()), this::answer);
      agentPhones.add(phone);
      registering.add(Thread.ofVirtual().name("demo-register-" + agent.extension()).start(() -> {
        if (phone.register(serverHost, serverPort, agent.password(), Duration.ofSeconds(300))) {
          registered.add(agent);
        } else {
          log.warn("demo agent {} could not register at {}:{}", agent.extension(), serverHost, serverPort);
        }
      }));
    }
    for (Thread t : registering) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while registering demo agents", e);
      }
    }
    customers = new SoftPhone(new SoftPhone.Config(settings.localHost(),
        SoftPhone.freeUdpPort(settings.localHost()), "demo-customers", ""), call -> new SoftPhone.Answer.Reject(486));
    pacer = Thread.ofVirtual().name("demo-traffic").start(this::pace);
    log.info("demo traffic started: {} of {} agents registered at {}:{}", registered.size(), agents.size(),
        serverHost, serverPort);
    return registered.size();
  }

  /** Customer calls placed so far. */
  public long callsPlaced() {
    return placed.get();
  }

  /** Customer calls not yet over. */
  public List<PhoneCall> customerCalls() {
    return List.copyOf(customerCalls);
  }

  /** The agents' phones, for tests and diagnostics. */
  public List<SoftPhone> agentPhones() {
    return List.copyOf(agentPhones);
  }

  private SoftPhone.Answer answer(PhoneCall call) {
    SoftPhone phone = agentPhones.stream().filter(p -> p.calls().contains(call)).findFirst().orElse(null);
    if (phone != null && phone.calls().stream().anyMatch(c -> c != call)) {
      return new SoftPhone.Answer.Reject(486); // one customer at a time, like a person
    }
    String from = call.remoteUri();
    DemoClips.Language lang = from.contains("+34") || from.contains(":34") ? DemoClips.Language.ES
        : from.contains("+1") || from.contains(":1") ? DemoClips.Language.EN
        : randomBoolean() ? DemoClips.Language.ES : DemoClips.Language.EN;
    return new SoftPhone.Answer.Accept(between(settings.answerDelayMin(), settings.answerDelayMax()),
        clips.agentAudio(lang));
  }

  private void pace() {
    while (running) {
      try {
        Thread.sleep(between(settings.callIntervalMin(), settings.callIntervalMax()));
      } catch (InterruptedException e) {
        return;
      }
      if (running && customerCalls.size() < settings.maxConcurrentCalls()) {
        placeCustomerCall();
      }
    }
  }

  private void placeCustomerCall() {
    boolean spanish = randomBoolean();
    String number;
    String name;
    short[] audio;
    Duration length;
    synchronized (this) {
      number = spanish
          ? "+346" + String.format("%08d", random.nextInt(100_000_000))
          : "+1555" + String.format("%07d", random.nextInt(10_000_000));
      String[] names = spanish ? ES_NAMES : EN_NAMES;
      name = names[random.nextInt(names.length)];
      audio = clips.customerAudio(spanish ? DemoClips.Language.ES : DemoClips.Language.EN, random);
      length = between(settings.callLengthMin(), settings.callLengthMax());
    }
    String target = "sip:" + settings.dialedNumber() + "@" + serverHost + ":" + serverPort;
    try {
      PhoneCall call = customers.call(target, number, name, audio);
      placed.incrementAndGet();
      customerCalls.add(call);
      call.ended().whenComplete((e, t) -> customerCalls.remove(call));
      Thread.ofVirtual().name("demo-customer-" + number).start(() -> converse(call, length));
    } catch (IOException | IllegalStateException e) {
      log.debug("demo customer call failed to start", e);
    }
  }

  /** Waits for an agent, talks for {@code length}, hangs up; gives up if nobody answers in time. */
  private void converse(PhoneCall call, Duration length) {
    try {
      call.answered().get(settings.giveUpAfter().toMillis(), TimeUnit.MILLISECONDS);
      call.ended().get(length.toMillis(), TimeUnit.MILLISECONDS); // returns early if the server hangs up
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      // talked long enough, waited too long, or the call failed: hang up whatever is left
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    call.hangup();
  }

  private synchronized boolean randomBoolean() {
    return random.nextBoolean();
  }

  private synchronized Duration between(Duration min, Duration max) {
    long lo = min.toMillis();
    long hi = Math.max(lo, max.toMillis());
    return Duration.ofMillis(lo == hi ? lo : random.nextLong(lo, hi + 1));
  }

  /** Hangs up every call, unregisters every agent and stops all demo threads. */
  @Override
  public void close() {
    running = false;
    Thread p = pacer;
    if (p != null) {
      p.interrupt();
    }
    List<Thread> closing = new ArrayList<>();
    SoftPhone c = customers;
    if (c != null) {
      closing.add(Thread.ofVirtual().start(c::close));
    }
    for (SoftPhone phone : agentPhones) {
      closing.add(Thread.ofVirtual().start(phone::close));
    }
    for (Thread t : closing) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    log.info("demo traffic stopped after {} customer calls", placed.get());
  }
}

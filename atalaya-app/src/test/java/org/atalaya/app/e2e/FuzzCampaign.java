package org.atalaya.app.e2e;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A reproducible fuzz campaign against a running node (bench/fuzz.sh runs it; FuzzSliceE2ETest
 * runs a minute of it): SIP cases of a seed over UDP and TCP, RTP/RTCP cases at live victim calls,
 * real canary calls all along, then the oracle ({@link FuzzOracle}) and the figures.
 *
 * <p>Threading: SIP cases go from the calling thread; canary calls and the RTP fuzzer each run on
 * a platform thread of their own until the SIP cases are done.
 */
public final class FuzzCampaign {
  /**
   * @param seed the seed: the same seed gives the same cases
   * @param cases SIP cases to send at most
   * @param seconds how long to send SIP cases at most
   * @param rate SIP cases a second at most
   * @param rtpRate RTP cases a second at the victim call
   * @param out where the node's data and log, the sipp logs and the report go
   * @param replay only these SIP case numbers, one every 2 s (a reproducer); empty: all
   */
  record Settings(long seed, long cases, long seconds, int rate, int rtpRate, Path out, List<Long> replay) {}

  /** Everything a run measured, for the report and the oracle. */
  record Result(Settings settings, long sipCases, double fuzzSeconds, long rtpCases, Tally tally, NodeVitals baseline,
      NodeVitals end, int liveCalls, boolean alive, NodeLog log, List<String> callFailures, FuzzOracle.Verdict verdict,
      List<SentCase> sent) {}

  /** When a SIP case went, to point a log line at the cases sent just before it. */
  record SentCase(LocalTime at, long number, String label) {}

  private FuzzCampaign() {}

  public static void main(String[] args) throws Exception {
    Settings s = parse(args);
    if (s.replay().size() == 1 && s.cases() == 0) {
      show(s.seed(), s.replay().get(0), System.out);
      return;
    }
    Result r = run(s, System.out);
    Files.writeString(s.out().resolve("report.md"), FuzzReport.markdown(r));
    System.out.println(FuzzReport.markdown(r));
    System.out.println("report: " + s.out().resolve("report.md"));
    System.exit(r.verdict().passed() ? 0 : 1);
  }

  static Result run(Settings s, PrintStream progress) throws Exception {
    Files.createDirectories(s.out());
    Tally tally = new Tally();
    List<String> callFailures = Collections.synchronizedList(new ArrayList<>());
    List<SentCase> sent = Collections.synchronizedList(new ArrayList<>());
    progress.println("fuzz: seed " + s.seed() + ", starting the node in " + s.out());
    try (FuzzNode node = FuzzNode.start(s.out().resolve("node"))) {
      CanaryCall canary = CanaryCall.register(node, s.out().resolve("canary"));
      NodeVitals baseline;
      NodeVitals end;
      long n = 0;
      double fuzzSeconds;
      long rtpCases;
      try (SipFuzzer sip = new SipFuzzer(s.seed(), node.sipAddress(), tally);
          RtpFuzzer rtp = new RtpFuzzer(s.seed(), node, s.out().resolve("rtp"), tally, callFailures)) {
        // Warm-up: valid traffic of every kind and a real call first, so that pools, caches and
        // the JIT are at working size when the baseline is taken.
        for (int i = 0; i < 120; i++) {
          sip.send(sip.cases().control(i));
          Thread.sleep(10);
        }
        canaryRound(canary, "before", tally, callFailures);
        sip.drain();
        awaitQuiet(node, 60);
        baseline = NodeVitals.of(node.pid(), FuzzNode.MEDIA_MIN, FuzzNode.MEDIA_MAX);
        progress.println("fuzz: baseline " + baseline + "; sending");

        AtomicBoolean stop = new AtomicBoolean();
        Thread canaries = new Thread(() -> {
          while (!stop.get()) {
            canaryRound(canary, "during", tally, callFailures);
            sleep(2000);
          }
        }, "fuzz-canary");
        Thread rtpThread = new Thread(() -> rtp.run(stop::get, s.rtpRate()), "fuzz-rtp");
        canaries.start();
        if (s.replay().isEmpty()) {
          rtpThread.start();
        }
        long start = System.nanoTime();
        long deadline = start + s.seconds() * 1_000_000_000L;
        List<Long> numbers = s.replay();
        long total = numbers.isEmpty() ? s.cases() : numbers.size();
        // A replay leaves 2 s between cases, so that each log line is plainly the last case's.
        long period = numbers.isEmpty() ? 1_000_000_000L / s.rate() : 2_000_000_000L;
        for (; n < total && System.nanoTime() < deadline; n++) {
          long number = numbers.isEmpty() ? n : numbers.get((int) n);
          SipCases.SipCase c = sip.cases().get(number);
          sent.add(new SentCase(LocalTime.now(), number, c.label()));
          sip.send(c);
          if (n % 1000 == 999) {
            progress.println("fuzz: " + (n + 1) + " SIP cases sent");
          }
          long wait = start + (n + 1) * period - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
        fuzzSeconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        progress.println("fuzz: " + n + " SIP cases in " + Math.round(fuzzSeconds) + " s; ending the calls");
        canaries.join(90_000);
        rtpThread.join(90_000);
        rtpCases = rtp.casesSent();
        sip.drain();
        sip.closeOpenConnections();
        canaryRound(canary, "after", tally, callFailures);
        awaitQuiet(node, 120);
        end = NodeVitals.of(node.pid(), FuzzNode.MEDIA_MIN, FuzzNode.MEDIA_MAX);
      }
      int live = node.isAlive() ? node.liveCalls() : -1;
      boolean alive = node.isAlive();
      NodeLog log = NodeLog.read(node.log);
      long canaryCalls = tally.total("canary.before") + tally.total("canary.during") + tally.total("canary.after");
      FuzzOracle.Verdict verdict = FuzzOracle.judge(alive, live, baseline, end, log, callFailures,
          canaryCalls - tally.total("canary.before"));
      return new Result(s, n, fuzzSeconds, rtpCases, tally, baseline, end, live, alive, log, callFailures, verdict, sent);
    }
  }

  private static void canaryRound(CanaryCall canary, String phase, Tally tally, List<String> failures) {
    try {
      Optional<String> failed = canary.place();
      tally.add("canary." + phase, failed.isPresent() ? "failed" : "ok");
      failed.ifPresent(f -> failures.add("canary call " + phase + ": " + f));
    } catch (Exception e) {
      tally.add("canary." + phase, "failed");
      failures.add("canary call " + phase + ": " + e);
    }
  }

  /** Waits up to {@code seconds} for no live call and no bound media port, as after any call. */
  private static void awaitQuiet(FuzzNode node, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline && node.isAlive()) {
      if (node.liveCalls() == 0 && NodeVitals.mediaSockets(node.pid(), FuzzNode.MEDIA_MIN, FuzzNode.MEDIA_MAX) == 0) {
        Thread.sleep(1000); // the last BYEs' transactions finish
        return;
      }
      Thread.sleep(500);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Prints case {@code number} of {@code seed} as sent to a node on port 50600 from port 40000 (a reproducer). */
  static void show(long seed, long number, PrintStream out) {
    SipCases cases = new SipCases(seed, SipFuzzer.UNTRUSTED + 1,
        source -> new SipCorpus.Peers("127.0.0.1", 50600, SipFuzzer.host(source), 40000 + source, "UDP"));
    SipCases.SipCase c = cases.get(number);
    out.println("seed " + seed + " case " + number + ": " + c.label() + " from " + SipFuzzer.host(c.source()) + ", "
        + c.sendBytes() + " of " + c.bytes().length + " bytes sent");
    out.println(FuzzReport.escape(c.bytes(), c.sendBytes(), 4000));
  }

  static Settings parse(String[] args) {
    long seed = 1;
    long cases = 10_000;
    long seconds = 900;
    int rate = 150;
    int rtpRate = 40;
    Path out = null;
    List<Long> replay = new ArrayList<>();
    boolean show = false;
    for (String a : args) {
      String v = a.substring(a.indexOf('=') + 1);
      switch (a.substring(0, Math.max(0, a.indexOf('=')))) {
        case "--seed" -> seed = Long.parseLong(v);
        case "--cases" -> cases = Long.parseLong(v);
        case "--seconds" -> seconds = Long.parseLong(v);
        case "--rate" -> rate = Integer.parseInt(v);
        case "--rtp-rate" -> rtpRate = Integer.parseInt(v);
        case "--out" -> out = Path.of(v);
        case "--replay" -> {
          for (String x : v.split(",")) {
            replay.add(Long.parseLong(x.trim()));
          }
        }
        case "--show" -> {
          replay = List.of(Long.parseLong(v));
          show = true;
        }
        default -> throw new IllegalArgumentException("unknown argument " + a
            + " (--seed=N --cases=N --seconds=N --rate=N --rtp-rate=N --out=DIR --replay=N,M --show=N)");
      }
    }
    if (out == null) {
      out = Path.of("bench", "out", "fuzz-" + java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-'));
    }
    return new Settings(seed, show ? 0 : cases, seconds, rate, rtpRate, out.toAbsolutePath(), List.copyOf(replay));
  }
}

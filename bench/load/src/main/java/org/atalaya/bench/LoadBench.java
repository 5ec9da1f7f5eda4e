package org.atalaya.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The load bench's one entry point (bench/load.sh): Atalaya's sweep of concurrent recorded
 * calls, the same level under monitoring, the call setup rate, then rtpengine relaying the same
 * streams; writes results.json, report.md and plot.png into the run's directory.
 *
 * <p>Options, all {@code --name=value}: levels (100,250,500,750,1000,1500), window (30 s), ramp
 * (calls per second while ramping up, 50), monitor-level (the sweep's highest clean level up to
 * 500; 0 skips), rates (25,50,100,200,300,400 calls per second; empty skips), rate-seconds (20),
 * rtpengine (true), out (bench/out/&lt;time&gt;), check (false: when true, exit 1 unless every level
 * and rate passed {@link SmokeCheck}).
 */
public final class LoadBench {
  private LoadBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new HashMap<>();
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      opt.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    int[] levels = ints(opt.getOrDefault("levels", "100,250,500,750,1000,1500"));
    int window = Integer.parseInt(opt.getOrDefault("window", "30"));
    int ramp = Integer.parseInt(opt.getOrDefault("ramp", "50"));
    int[] rates = ints(opt.getOrDefault("rates", "25,50,100,200,300,400"));
    int rateSeconds = Integer.parseInt(opt.getOrDefault("rate-seconds", "20"));
    int monitorLevel = Integer.parseInt(opt.getOrDefault("monitor-level", "-1"));
    boolean withRtpengine = Boolean.parseBoolean(opt.getOrDefault("rtpengine", "true"));
    boolean check = Boolean.parseBoolean(opt.getOrDefault("check", "false"));
    Path out = Path.of(opt.getOrDefault("out",
        "bench/out/" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
    Files.createDirectories(out);
    Path jar = Path.of("atalaya-app/target/atalaya.jar");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    Map<String, Object> machine = machine();
    System.out.println("load bench into " + out + " on " + machine);
    List<AtalayaLevel> sweep = new ArrayList<>();
    List<AtalayaLevel> monitored = new ArrayList<>();
    List<SetupRate.Result> setup = new ArrayList<>();
    LevelRefused refusedLevel = null;
    int agentsNeeded = Math.max(Arrays.stream(levels).max().orElse(0),
        Arrays.stream(rates).max().orElse(0) * 4) + 100;
    try (AtalayaUnderTest atalaya = AtalayaUnderTest.start(jar, out.resolve("atalaya"), java);
        RtpSink customerEar = new RtpSink("customers");
        RtpSink agentEar = new RtpSink("agents")) {
      Api api = Api.connect(atalaya);
      SippRun agents = registerAgents(atalaya, api, out.resolve("agents"), agentsNeeded, agentEar);
      try (agents) {
        AtalayaSweep run = new AtalayaSweep(atalaya, api, out, customerEar, agentEar, agents, ramp);
        for (int level : levels) {
          AtalayaLevel l;
          try {
            l = run.run(level, window, 0, 0);
          } catch (AtalayaSweep.LevelRefusedException e) {
            refusedLevel = e.level;
            Report.write(out, machine, sweep, monitored, List.of(), setup, refusedLevel);
            System.out.println("  " + e.getMessage() + ": the sweep stops here");
            break;
          }
          sweep.add(l);
          Report.write(out, machine, sweep, monitored, List.of(), setup, null);
          if (l.relay().lossRatio() > 0.001) {
            System.out.println("loss above 0.1 %: the sweep stops here");
            break;
          }
        }
        if (monitorLevel != 0) {
          // Up to 500 calls, where two cores still have room: at a saturated level the mixing's
          // cost cannot show as CPU, only as delay (at 1,000 calls the CPU was the same with it).
          int m = monitorLevel > 0 ? monitorLevel : sweep.stream().filter(l -> l.relay().lossRatio() <= 0.001)
              .mapToInt(l -> l.relay().calls()).filter(c -> c <= 500).max().orElse(0);
          if (m > 0) {
            monitored.add(run.run(m, window, 0.10, 0.05));
          }
        }
        if (rates.length > 0 && sweep.isEmpty() && monitored.isEmpty()) {
          // Without levels before them, the rates would measure a cold JVM: C2 alone took 19-25 %
          // of Atalaya's CPU through the first two 20 s runs at 100 calls/s, and the CPU per call
          // still fell by a third over the next 7,000 calls. 50 calls/s keeps pace even cold.
          System.out.println("warm-up: 50 calls/s for 90 s, not reported");
          SetupRate.run(atalaya, api, out.resolve("warm-up"), customerEar, run.customerTone(), 50, 90, 40300);
        }
        for (int cps : rates) {
          SetupRate.Result r = SetupRate.run(atalaya, api, out.resolve("setup"), customerEar, run.customerTone(), cps, rateSeconds,
              40300);
          setup.add(r);
          Report.write(out, machine, sweep, monitored, List.of(), setup, refusedLevel);
          if (!r.holds()) {
            break;
          }
        }
      }
    }
    List<RelayLevel> rtpengine = new ArrayList<>();
    if (withRtpengine) {
      rtpengine.addAll(org.atalaya.bench.rtpengine.RtpengineBench.run(out.resolve("rtpengine"),
          sweep.stream().mapToInt(l -> l.relay().calls()).toArray(), 5, window));
    }
    Report.write(out, machine, sweep, monitored, rtpengine, setup, refusedLevel);
    System.out.println("\n" + Files.readString(out.resolve("report.md")));
    System.out.println("results: " + out.toAbsolutePath());
    if (check) {
      List<AtalayaLevel> ran = new ArrayList<>(sweep);
      ran.addAll(monitored);
      List<String> failures = SmokeCheck.failures(ran, refusedLevel, setup);
      System.out.println(failures.isEmpty() ? "smoke check: passed" : "smoke check FAILED:\n  " + String.join("\n  ", failures));
      if (!failures.isEmpty()) {
        System.exit(1);
      }
    }
  }

  /** Adds the agents through the API and registers them all with one sipp that answers for every one. */
  private static SippRun registerAgents(AtalayaUnderTest atalaya, Api api, Path dir, int n, RtpSink agentEar)
      throws Exception {
    Files.createDirectories(dir);
    StringBuilder inf = new StringBuilder("SEQUENTIAL\n");
    Semaphore parallel = new Semaphore(8);
    List<Future<?>> adds = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        String ext = String.valueOf(100000 + i);
        String password = "pw-" + ext;
        inf.append(ext).append(";[authentication username=").append(ext).append(" password=").append(password).append("]\n");
        adds.add(pool.submit(() -> {
          parallel.acquire();
          try {
            api.addAgent(ext, password);
          } finally {
            parallel.release();
          }
          return null;
        }));
      }
      for (Future<?> f : adds) {
        f.get();
      }
    }
    Files.writeString(dir.resolve("agents.csv"), inf);
    int agentPort = 5091;
    SippRun agents = SippRun.start(dir, "agents", "agents", Map.of("RTPPORT", "" + agentEar.port(),
            "TONE", ToneFile.bulk(dir, AtalayaSweep.AGENT_HZ).toString()),
        "-p", "" + agentPort, "-mp", "40000", "-max_socket", "4096");
    try (SippRun reg = SippRun.start(dir, "register", "register", Map.of("AGENTPORT", "" + agentPort),
        "127.0.0.1:" + atalaya.sipPort, "-inf", dir.resolve("agents.csv").toString(), "-m", "" + n, "-r", "200",
        "-l", "200", "-timeout", "120")) {
      int rc = reg.await(150);
      long[] c = reg.calls();
      if (rc != 0 || c[0] != n) {
        throw new IllegalStateException("registering " + n + " agents: sipp exit " + rc + ", " + c[0] + " ok, "
            + c[1] + " failed (see " + dir + ")");
      }
    }
    System.out.println(n + " agents added and registered");
    return agents;
  }

  private static Map<String, Object> machine() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
        .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("?");
    m.put("cpu", cpu);
    m.put("memoryGiB", Math.round(Files.readAllLines(Path.of("/proc/meminfo")).stream()
        .filter(l -> l.startsWith("MemTotal")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).sum() / 1048576.0));
    m.put("kernel", System.getProperty("os.version"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    return m;
  }

  private static int[] ints(String csv) {
    return csv.isBlank() ? new int[0] : Arrays.stream(csv.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
  }
}

package org.atalaya.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.atalaya.core.calls.ActiveCall;
import org.atalaya.core.tenants.Tenants;
import org.atalaya.media.audio.Goertzel;
import org.atalaya.media.audio.Wav;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waiting callers hear their place and the estimated wait. The tenant's own prompts are tones
 * here (one frequency per prompt), so what each caller heard, and in which order, is read back
 * from its audio with a Goertzel detector.
 *
 * <p>One agent. A first call of about 3 s gives the queue a handle time. A second keeps the agent
 * busy for 30 s; meanwhile B and then C queue. B is next: "you are next, less than a minute",
 * again 15 s later, then the agent. C is second: "caller number two, less than a minute", and
 * hangs up while still waiting.
 */
class QueueAnnouncementE2ETest {
  private static final double NEXT = 700;
  private static final double POSITION = 800;
  private static final double TWO = 900;
  private static final double UNDER_MINUTE = 1200;
  private static final double AGENT = 1000;
  private static final double[] HEARD = {NEXT, POSITION, TWO, UNDER_MINUTE, AGENT};
  @TempDir static Path dir;
  static NodeHarness atalaya;
  static int agentPort;

  @BeforeAll
  static void startNode() throws Exception {
    Path data = dir.resolve("data");
    prompt(data, "queue-next", NEXT);
    prompt(data, "queue-position", POSITION);
    prompt(data, "num-2", TWO);
    prompt(data, "wait-under-minute", UNDER_MINUTE);
    atalaya = NodeHarness.start(data, 55000, 8, 120);
    atalaya.put("/api/v1/routing", "{\"queues\": [{\"name\": \"default\", \"announceEverySeconds\": 15}]}");
    atalaya.addAgent("1901", "agent-pass-1901");
    agentPort = NodeHarness.freePort();
    atalaya.register(dir.resolve("reg"), agentPort, "1901", "agent-pass-1901");
  }

  @AfterAll
  static void stopNode() {
    if (atalaya != null) {
      atalaya.close();
    }
  }

  @Test
  void waitingCallersHearTheirPlaceAndTheEstimatedWaitBetweenMusic() throws Exception {
    short[] bHeard;
    short[] cHeard;
    try (RtpProbe agentEar = new RtpProbe();
        RtpProbe firstEar = new RtpProbe();
        RtpProbe busyEar = new RtpProbe();
        RtpProbe bEar = new RtpProbe();
        RtpProbe cEar = new RtpProbe();
        Sipp agent = Phones.agent(dir, "agent", agentPort, agentEar, AGENT, 3, 90)) {
      try (Sipp first = Phones.customer(dir, "first", atalaya.sipPort, firstEar, 440, 3000, 20)) {
        assertThat(first.await(20)).as(first.logs()).isZero();
      }
      assertThat(Goertzel.detects(firstEar.pcm(), 8000, NEXT)).as("served at once: no announcement").isFalse();
      await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);

      try (Sipp busy = Phones.customer(dir, "busy", atalaya.sipPort, busyEar, 440, 30_000, 60)) {
        await().atMost(Duration.ofSeconds(10)).until(() -> connected() == 1);
        try (Sipp b = Phones.customer(dir, "b", atalaya.sipPort, bEar, 440, 35_000, 80)) {
          await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.acd().waiting("default") == 1);
          try (Sipp c = Phones.customer(dir, "c", atalaya.sipPort, cEar, 440, 20_000, 60)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.acd().waiting("default") == 2);
            assertThat(c.await(40)).as(c.logs()).isZero();
          }
          assertThat(busy.await(30)).as(busy.logs()).isZero();
          assertThat(b.await(40)).as(b.logs()).isZero();
        }
      }
      assertThat(agent.await(20)).as(agent.logs()).isZero();
      bHeard = bEar.pcm();
      cHeard = cEar.pcm();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> atalaya.node.calls().liveCalls() == 0);

    List<Double> b = heard(bHeard);
    assertThat(b).as("B: next, under a minute, twice 15 s apart, then the agent; never 'number two'")
        .containsSubsequence(NEXT, UNDER_MINUTE, NEXT, UNDER_MINUTE, AGENT)
        .doesNotContain(POSITION, TWO);
    assertThat(b.subList(b.indexOf(AGENT), b.size())).as("nothing announced over the agent")
        .containsOnly(AGENT);
    List<Double> c = heard(cHeard);
    assertThat(c).as("C: caller number two, under a minute; never 'next', never the agent")
        .containsSubsequence(POSITION, TWO, UNDER_MINUTE)
        .doesNotContain(NEXT, AGENT);

    JsonNode calls = atalaya.items("/api/v1/calls");
    assertThat(calls).hasSize(4);
    assertThat(dispositions(calls)).as("C hung up while waiting, though a prompt had answered it").containsExactlyInAnyOrder("ANSWERED", "ANSWERED", "ANSWERED", "ABANDONED");
  }

  /** The prompts' tones as heard in order, one entry per run of 100 ms blocks. */
  private static List<Double> heard(short[] pcm) {
    List<Double> runs = new ArrayList<>();
    double last = -1;
    for (int at = 0; at + 800 <= pcm.length; at += 800) {
      double f = Goertzel.dominantOf(java.util.Arrays.copyOfRange(pcm, at, at + 800), 8000, HEARD);
      if (f > 0 && f != last) {
        runs.add(f);
      }
      if (f > 0 || Goertzel.rms(java.util.Arrays.copyOfRange(pcm, at, at + 800)) >= Goertzel.SILENCE_RMS) {
        last = f;
      }
    }
    return runs;
  }

  private static List<String> dispositions(JsonNode calls) {
    List<String> out = new ArrayList<>();
    calls.forEach(c -> out.add(c.get("disposition").asText()));
    return out;
  }

  private static long connected() {
    return atalaya.node.calls().list(Tenants.DEFAULT).stream()
        .filter(c -> c.state() == ActiveCall.State.CONNECTED).count();
  }

  /** The tenant's own prompt {@code name}: 0.6 s of {@code hz}, in Spanish (the node's language). */
  private static void prompt(Path data, String name, double hz) throws Exception {
    short[] pcm = new short[4800];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / 8000.0));
    }
    Path file = data.resolve("prompts").resolve(Tenants.DEFAULT).resolve("es").resolve(name + ".wav");
    Files.createDirectories(file.getParent());
    Files.write(file, Wav.toBytes(8000, 1, pcm));
  }
}

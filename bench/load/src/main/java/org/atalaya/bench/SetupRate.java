package org.atalaya.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The call setup rate: short recorded calls (2 s of talk) offered at a steady rate for a while;
 * the rate holds if Atalaya kept pace (the calls answered in under 500 ms on average, and all of
 * them done within 5 s of the last one's talk), fewer than 0.1 % of the calls fail, every
 * completed call left a recording and no call is still up in Atalaya once its own timeouts have run out: 32 s for an unacknowledged
 * 200, the media timeout (60 s by default) for a side that vanished without a BYE.
 */
final class SetupRate {
  /**
   * @param cps calls per second offered
   * @param seconds how long they were offered
   * @param ok calls sipp completed
   * @param failed calls sipp counted as failed (error response, timeout, lost message)
   * @param recordings finished recordings of those calls
   * @param cpuSeconds Atalaya's CPU over the run
   * @param wallSeconds how long the run took, until sipp's last call ended (a failed call's
   *     timeout makes it longer than the offered seconds plus the talk)
   * @param leftUp calls Atalaya still had up 75 s after sipp's last call ended: hang-ups it lost
   * @param answerMs mean time from INVITE to 200 seen by the customers' sipp
   * @param refused calls Atalaya refused with 503 (its admission: overload, rate or concurrent
   *     limit), not in {@code ok} nor {@code failed}; they fail the rate like failed calls
   */
  record Result(int cps, int seconds, long ok, long failed, long recordings, double cpuSeconds, double wallSeconds,
      int leftUp, double answerMs, long refused) {
    /** Failed and refused calls, of all offered. */
    double failedShare() {
      long all = ok + failed + refused;
      return all == 0 ? 1 : (double) (failed + refused) / all;
    }

    /**
     * Whether Atalaya kept pace: answers slower than T1 (500 ms) make callers retransmit their
     * INVITEs, which adds load; and a run that ends long after its last call's talk means calls
     * queued (sipp, capped at 10 s of calls in progress, then offers fewer).
     */
    boolean keptPace() {
      return answerMs < 500 && wallSeconds <= seconds + TALK_MS / 1000.0 + 5;
    }

    boolean holds() {
      return keptPace() && failedShare() < 0.001 && recordings >= ok && ok > 0 && leftUp == 0;
    }
  }

  /** The media timeout (60 s) plus one sweep (5 s) and slack: a call still up then was lost. */
  static final int LEFT_UP_WAIT_SECONDS = 75;
  static final int TALK_MS = 2000;

  private SetupRate() {}

  static Result run(AtalayaUnderTest atalaya, Api api, Path dir, RtpSink customerEar, Path tone, int cps, int seconds,
      int mediaPort) throws Exception {
    int calls = cps * seconds;
    int talkMs = TALK_MS;
    Instant since = Instant.now().minusSeconds(1);
    double cpu0 = ProcStats.cpuSeconds(atalaya.pid());
    long start = System.nanoTime();
    try (SippRun customers = SippRun.start(dir, "setup-" + cps, "customers",
        Map.of("RTPPORT", "" + customerEar.port(), "TONE", tone.toString(), "TALKMS", "" + talkMs),
        "127.0.0.1:" + atalaya.sipPort, "-s", "5000", "-m", "" + calls, "-r", "" + cps, "-l", "" + cps * 10,
        "-timeout", "" + (seconds + 120), "-max_socket", "4096", "-mp", "" + mediaPort)) {
      customers.await(seconds + 120);
      double cpu = ProcStats.cpuSeconds(atalaya.pid()) - cpu0;
      double wall = (System.nanoTime() - start) / 1e9;
      long[] c = customers.calls();
      long refused = customers.received(503); // sipp counts them successful: the scenario ends well
      c[0] -= refused;
      long finished = Api.finished(api.awaitFinishedRecordings(since, c[0], 60));
      int leftUp = api.activeCalls();
      for (long until = start + (long) (wall + LEFT_UP_WAIT_SECONDS) * 1_000_000_000L; leftUp > 0 && System.nanoTime() < until; ) {
        Thread.sleep(1000);
        leftUp = api.activeCalls();
      }
      Result r = new Result(cps, seconds, c[0], c[1], finished, cpu, wall, leftUp, customers.meanAnswerMs(), refused);
      System.out.printf("  setup %d cps for %d s: %d ok, %d failed, %d refused with 503 (%.3f %%), %d recordings,"
          + " %.1f CPU s, %d left up, answered in %.0f ms on average, done %.1f s after the first call%n",
          cps, seconds, c[0], c[1], refused, r.failedShare() * 100, finished, cpu, leftUp, r.answerMs(), wall);
      return r;
    }
  }
}

package org.atalaya.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict of {@code bench/load.sh --smoke}, which the test command runs after the tests:
 * whether the bench still works end to end on a light load, not how fast Atalaya is. Delay and
 * CPU are left out on purpose: on a shared CI machine they measure the neighbours. What must hold
 * at 20 calls on any machine: no loss, no call refused, every call completed and recorded, the
 * checked recordings hold each party's tone, and the small setup rate holds.
 */
final class SmokeCheck {
  private SmokeCheck() {}

  /** What failed, one line each; empty when the smoke passed. */
  static List<String> failures(List<AtalayaLevel> levels, LevelRefused refused, List<SetupRate.Result> rates) {
    List<String> out = new ArrayList<>();
    if (refused != null) {
      out.add(refused.describe());
    }
    if (levels.isEmpty()) {
      out.add("no level ran");
    }
    for (AtalayaLevel l : levels) {
      String name = l.relay().calls() + " calls" + (l.listeners() + l.barging() > 0 ? ", monitored" : "");
      if (l.relay().lossRatio() > 0.001) {
        out.add(name + ": loss " + String.format("%.4f %%", l.relay().lossRatio() * 100));
      }
      if (l.callsFailed() > 0 || l.callsOk() < l.relay().calls()) {
        out.add(name + ": " + l.callsOk() + " calls completed, " + l.callsFailed() + " failed");
      }
      if (l.recordings() < l.callsOk()) {
        out.add(name + ": " + l.recordings() + " recordings for " + l.callsOk() + " calls");
      }
      if (l.checked() == 0 || l.correct() < l.checked()) {
        out.add(name + ": " + l.correct() + " of " + l.checked() + " checked recordings correct");
      }
    }
    if (rates.isEmpty()) {
      out.add("no setup rate ran");
    }
    for (SetupRate.Result r : rates) {
      if (!r.holds()) {
        out.add(r.cps() + " calls/s did not hold: " + r.ok() + " ok, " + r.failed() + " failed, " + r.refused()
            + " refused, " + r.recordings()
            + " recordings, " + r.leftUp() + " left up, mean answer " + Math.round(r.answerMs()) + " ms");
      }
    }
    return out;
  }
}

package org.atalaya.bench;

/**
 * A level Atalaya would not take: its admission control (ADR 0008) refused some of the ramp's
 * calls with 503, so the level's concurrent calls were never all up. The node is past its
 * capacity there; the sweep stops, as it does on loss, and the run goes on with what follows.
 *
 * @param calls the level's concurrent calls
 * @param refused calls refused with 503 during the ramp
 * @param talking the most calls seen talking at once
 */
record LevelRefused(int calls, long refused, int talking) {
  String describe() {
    return String.format("%d calls: Atalaya refused %d calls with 503 during the ramp (admission control,"
        + " ADR 0008), at most %d talking at once: past this node's capacity", calls, refused, talking);
  }
}

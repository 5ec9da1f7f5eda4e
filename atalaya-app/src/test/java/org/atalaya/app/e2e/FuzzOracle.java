package org.atalaya.app.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * What "pass" means for a fuzz campaign, decided from what was measured: the node is alive, its
 * log has no ERROR and no stack trace (bar the open findings listed in {@link #KNOWN_OPEN}), it
 * holds no call, RTP port, thread, file descriptor or heap beyond its warmed-up baseline plus the
 * tolerances below, and every real call placed during and after the campaign worked.
 */
final class FuzzOracle {
  /**
   * Thread tolerance: the JIT and ZGC add and retire their own threads with load, so a few more
   * than at the baseline is not a leak; one thread per request or connection would be hundreds.
   */
  static final int THREADS_TOLERANCE = 10;
  /** Descriptors: jars and H2 files opened once, on first use, by code the warm-up did not reach. */
  static final int FDS_TOLERANCE = 16;
  /**
   * Heap after a full GC: the database's page cache and the JIT's data grow with the calls
   * logged; a leak of a few KB per case would pass 10,000 cases' worth of it.
   */
  static final long HEAP_TOLERANCE_MIB = 64;

  /**
   * No log line may be longer: one message from the wire must not cost the disk more than this
   * (the node's logback cuts messages at 2,000 characters; see finding S1).
   */
  static final int LONGEST_LOG_LINE = 4096;

  /** A finding left open (it is the SIP edge's, see docs/SECURITY.md): reported every run, not failed on. */
  record KnownOpen(String id, java.util.regex.Pattern pattern) {
    KnownOpen(String id, String regex) {
      this(id, java.util.regex.Pattern.compile(regex));
    }
  }

  /**
   * The open findings of docs/SECURITY.md, found in an event's signature (NodeLog.Event): each as
   * narrow as the finding, so that anything else logged the same way still fails the campaign.
   * Remove an entry when its finding is fixed: the campaign then guards the fix.
   */
  static final List<KnownOpen> KNOWN_OPEN = List.of(
      // None open. S1, S7 and S8 were fixed by the SIP edge's screening; S2-S6 by its TCP framing
      // (StreamFramer) and header check: no longer listed, so the campaign guards every fix.
      );

  /** Verdict: why it failed (empty: passed) and what to report either way. */
  record Verdict(List<String> failures, List<String> knownOpen) {
    boolean passed() {
      return failures.isEmpty();
    }
  }

  private FuzzOracle() {}

  static Verdict judge(boolean alive, int liveCalls, NodeVitals baseline, NodeVitals end, NodeLog log,
      List<String> callFailures, long canaryCalls) {
    List<String> failures = new ArrayList<>();
    List<String> known = new ArrayList<>();
    if (!alive) {
      failures.add("the node process died");
    }
    for (String stray : log.stray) {
      if (stray.contains("A fatal error has been detected") || stray.contains("OutOfMemoryError")) {
        failures.add("JVM: " + stray);
      }
    }
    if (log.longestLine > LONGEST_LOG_LINE) {
      failures.add("a log line of " + log.longestLine + " characters (at most " + LONGEST_LOG_LINE + "): log amplification");
    }
    if (liveCalls != 0) {
      failures.add(liveCalls + " calls still live after the campaign");
    }
    if (end.mediaSockets() != 0) {
      failures.add(end.mediaSockets() + " media ports still bound after the campaign");
    }
    if (end.threads() > baseline.threads() + THREADS_TOLERANCE) {
      failures.add("threads " + baseline.threads() + " -> " + end.threads() + " (tolerance +" + THREADS_TOLERANCE + ")");
    }
    if (end.fds() > baseline.fds() + FDS_TOLERANCE) {
      failures.add("file descriptors " + baseline.fds() + " -> " + end.fds() + " (tolerance +" + FDS_TOLERANCE + ")");
    }
    if (end.heapAfterGcMiB() > baseline.heapAfterGcMiB() + HEAP_TOLERANCE_MIB) {
      failures.add("heap after GC " + baseline.heapAfterGcMiB() + " -> " + end.heapAfterGcMiB() + " MiB (tolerance +"
          + HEAP_TOLERANCE_MIB + ")");
    }
    for (NodeLog.Event e : log.events.values()) {
      java.util.Optional<KnownOpen> open = KNOWN_OPEN.stream().filter(k -> k.pattern().matcher(e.signature()).find())
          .findFirst();
      if (open.isPresent()) {
        known.add(open.get().id() + ": " + e.count() + " x " + e.signature());
      } else {
        failures.add(switch (e.level()) {
          case "ERROR" -> "ERROR";
          case "UNCAUGHT" -> "uncaught exception";
          default -> "stack trace";
        } + " logged " + e.count() + " x: " + e.signature());
      }
    }
    if (canaryCalls < 2) {
      failures.add("only " + canaryCalls + " real calls were placed: at least one during and one after the campaign");
    }
    failures.addAll(callFailures.stream().map(f -> f.lines().findFirst().orElse(f)).toList());
    return new Verdict(failures, known);
  }
}

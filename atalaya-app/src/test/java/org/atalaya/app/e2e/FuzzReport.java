package org.atalaya.app.e2e;

import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A fuzz campaign's figures and verdict as Markdown: what bench/fuzz.sh prints and saves. */
final class FuzzReport {
  private FuzzReport() {}

  static String markdown(FuzzCampaign.Result r) {
    StringBuilder sb = new StringBuilder();
    FuzzCampaign.Settings s = r.settings();
    Tally t = r.tally();
    sb.append("# Fuzz campaign, seed ").append(s.seed()).append("\n\n");
    sb.append(String.format(Locale.ROOT, "- SIP cases: %,d in %.1f s (%.0f cases/s)%s%n", r.sipCases(), r.fuzzSeconds(),
        r.sipCases() / Math.max(0.001, r.fuzzSeconds()), s.replay().isEmpty() ? "" : ", replay of " + s.replay()));
    sb.append(String.format(Locale.ROOT, "- RTP/RTCP cases: %,d (%,d packets) at %d victim calls%n", r.rtpCases(),
        t.total("rtp.packets"), t.total("rtp.victim-calls")));
    sb.append("- verdict: **").append(r.verdict().passed() ? "PASS" : "FAIL").append("**\n\n");

    sb.append("## Cases\n\n");
    line(sb, "SIP cases by kind", t.get("sip.kind"));
    line(sb, "SIP cases by transport", t.get("sip.transport"));
    line(sb, "mutations applied", t.get("sip.mutation"));
    line(sb, "RTP cases by kind", t.get("rtp.kind"));
    line(sb, "valid messages sent to warm up, before the baseline", t.get("sip.warm-up"));
    sb.append("\n## Answers\n\n");
    line(sb, "answers by status (warm-up included)", t.get("sip.answer"));
    line(sb, "requests from the node", t.get("sip.node-request"));
    line(sb, "fuzzed calls", t.get("sip.fuzz-calls"));
    line(sb, "TCP", t.get("sip.tcp"));
    line(sb, "send errors", t.get("sip.send-error"));
    line(sb, "RTP send errors", t.get("rtp.send-error"));
    line(sb, "reader errors", t.get("sip.reader-error"));

    sb.append("\n## Oracle\n\n");
    sb.append("- node process: ").append(r.alive() ? "alive" : "DEAD").append('\n');
    sb.append("- live calls after: ").append(r.liveCalls()).append('\n');
    sb.append("- media ports bound: ").append(r.baseline().mediaSockets()).append(" -> ").append(r.end().mediaSockets()).append('\n');
    sb.append("- threads: ").append(r.baseline().threads()).append(" -> ").append(r.end().threads())
        .append(" (tolerance +").append(FuzzOracle.THREADS_TOLERANCE).append(")\n");
    sb.append("- file descriptors: ").append(r.baseline().fds()).append(" -> ").append(r.end().fds())
        .append(" (tolerance +").append(FuzzOracle.FDS_TOLERANCE).append(")\n");
    sb.append("- heap after GC: ").append(r.baseline().heapAfterGcMiB()).append(" -> ").append(r.end().heapAfterGcMiB())
        .append(" MiB (tolerance +").append(FuzzOracle.HEAP_TOLERANCE_MIB).append(")\n");
    line(sb, "real calls before", t.get("canary.before"));
    line(sb, "real calls during", t.get("canary.during"));
    line(sb, "real calls after", t.get("canary.after"));
    line(sb, "victim calls (RTP-fuzzed)", t.get("rtp.victim-calls"));
    sb.append(String.format(Locale.ROOT, "- node log: %,d bytes (%,.0f per SIP case), longest line %,d characters (at most %,d)%n",
        r.log().bytes, r.log().bytes / (double) Math.max(1, r.sipCases()), r.log().longestLine, FuzzOracle.LONGEST_LOG_LINE));
    line(sb, "log lines by level", r.log().byLevel.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue())));
    sb.append("- WARN lines by what they say:\n");
    r.log().warnings.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> sb.append("  - ").append(e.getValue()).append(" x `").append(e.getKey()).append("`\n"));

    sb.append("\n## Findings\n\n");
    if (r.verdict().failures().isEmpty() && r.verdict().knownOpen().isEmpty()) {
      sb.append("None.\n");
    }
    r.verdict().failures().forEach(f -> sb.append("- FAIL: ").append(f).append('\n'));
    // Open findings by id: how many events of how many signatures (the signatures are below).
    r.verdict().knownOpen().stream().collect(Collectors.groupingBy(f -> f.substring(0, f.indexOf(':')),
            java.util.TreeMap::new, Collectors.toList()))
        .forEach((id, events) -> sb.append("- known, open: ").append(id).append(", ")
            .append(events.stream().mapToLong(f -> Long.parseLong(f.substring(f.indexOf(':') + 2, f.indexOf(" x ")))).sum())
            .append(" events of ").append(events.size()).append(" signatures\n"));
    for (NodeLog.Event e : r.log().events.values()) {
      sb.append("\n### ").append(e.count()).append(" x ").append(e.signature()).append("\n\nfirst at ").append(e.firstAt())
          .append("; the last cases sent before it: ").append(suspects(r.sent(), e.firstAt()))
          .append("\n\n```\n").append(e.firstText()).append("\n```\n");
    }
    if (!r.callFailures().isEmpty()) {
      sb.append("\n### Real calls that failed\n\n```\n");
      r.callFailures().stream().limit(3).forEach(f -> sb.append(f.length() > 4000 ? f.substring(0, 4000) : f).append("\n\n"));
      sb.append("```\n");
    }
    return printable(sb.toString());
  }

  /** Control characters from the wire (NUL, bare CR...) as \\xNN, so the report stays a text file. */
  static String printable(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.chars().forEach(c -> {
      if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7F) {
        sb.append(String.format(Locale.ROOT, "\\x%02x", c));
      } else {
        sb.append((char) c);
      }
    });
    return sb.toString();
  }

  /**
   * The 12 cases sent last before {@code at} (and up to 50 ms after, for clocks read apart): where
   * to start replaying a finding from, newest first.
   */
  static String suspects(List<FuzzCampaign.SentCase> sent, String at) {
    LocalTime t = LocalTime.parse(at).plusNanos(50_000_000);
    List<FuzzCampaign.SentCase> before;
    synchronized (sent) {
      before = sent.stream().filter(c -> !c.at().isAfter(t)).toList();
    }
    return before.subList(Math.max(0, before.size() - 12), before.size()).reversed().stream()
        .map(c -> c.number() + " (" + c.label() + ")").collect(Collectors.joining(", "));
  }

  private static void line(StringBuilder sb, String title, Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return;
    }
    sb.append("- ").append(title).append(": ").append(counts.entrySet().stream()
        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue())).collect(Collectors.joining(", ")))
        .append('\n');
  }

  /** Bytes as readable text: printable ASCII as is, CR and LF as \r and \n (LF also ends a line), others as \xNN. */
  static String escape(byte[] b, int length, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(length, max); i++) {
      int c = b[i] & 0xFF;
      if (c == '\n') {
        sb.append("\\n\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c >= 0x20 && c < 0x7F && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append(String.format(Locale.ROOT, "\\x%02x", c));
      }
    }
    if (length > max) {
      sb.append("\n... (").append(length - max).append(" more bytes)");
    }
    return sb.toString();
  }
}

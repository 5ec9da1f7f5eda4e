package org.atalaya.app.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node's log read back for the oracle: lines by level, WARN lines grouped by what they say
 * (numbers and ids blanked), and every event the oracle judges (an ERROR line, a line of any
 * level with a stack trace, or the JVM's report of an exception that ended a thread) by signature, with its count and first occurrence, so that a
 * thousand identical traces are one finding.
 */
final class NodeLog {
  private static final Pattern LINE = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) (TRACE|DEBUG|INFO|WARN|ERROR)\\s+(\\S+)\\s?(.*)$");
  /** JAIN-SIP logs under its stack's name, which Atalaya makes unique per start. */
  private static final Pattern STACK_LOGGER = Pattern.compile("atalaya-\\d+-[0-9a-f-]{36}");
  /** How the JVM reports an exception nobody caught: {@code Exception in thread "name" type: message}. */
  private static final Pattern UNCAUGHT = Pattern.compile("^Exception in thread \"(.*?)\" (.*)$");
  private static final Pattern EXCEPTION = Pattern.compile("^(Caused by: )?[\\w$.]+(Exception|Error|Throwable)\\b.*");

  /** One signature: its level, how often, first when, and its first text. */
  record Event(String signature, String level, int count, String firstAt, String firstText) {}

  final Map<String, Integer> byLevel = new TreeMap<>();
  final Map<String, Integer> warnings = new TreeMap<>();
  final Map<String, Event> events = new LinkedHashMap<>();
  /** Lines outside any log line (the JVM's own output, say). */
  final List<String> stray = new ArrayList<>();
  /** The log's size in bytes, and its longest line in characters: what one message can cost. */
  long bytes;
  int longestLine;

  static NodeLog read(Path log) throws IOException {
    NodeLog out = new NodeLog();
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    out.bytes = Files.size(log);
    out.longestLine = lines.stream().mapToInt(String::length).max().orElse(0);
    for (int i = 0; i < lines.size(); i++) {
      Matcher u = UNCAUGHT.matcher(lines.get(i));
      if (u.matches()) { // the JVM's report of an exception that ended a thread: no logger caught it
        int end = next(lines, i + 1);
        List<String> more = lines.subList(i + 1, end);
        String sig = "UNCAUGHT " + blank(u.group(1)) + " | " + blank(u.group(2)) + " | " + firstOwnFrame(more);
        out.byLevel.merge("UNCAUGHT", 1, Integer::sum);
        out.events.merge(sig, new Event(sig, "UNCAUGHT", 1, lastTime(lines, i), String.join("\n",
                lines.subList(i, Math.min(end, i + 25)))),
            (a, b) -> new Event(a.signature(), a.level(), a.count() + 1, a.firstAt(), a.firstText()));
        i = end - 1;
        continue;
      }
      Matcher m = LINE.matcher(lines.get(i));
      if (!m.matches()) {
        out.stray.add(lines.get(i));
        continue;
      }
      String level = m.group(2);
      String logger = STACK_LOGGER.matcher(m.group(3)).replaceAll("jain-sip-stack");
      out.byLevel.merge(level, 1, Integer::sum);
      int end = next(lines, i + 1);
      List<String> more = lines.subList(i + 1, end);
      // A trace: frames, or at least an exception's name (the JVM may throw one without frames).
      boolean trace = more.stream().anyMatch(l -> l.startsWith("\tat ") || l.startsWith("    at ")
          || EXCEPTION.matcher(l).matches());
      if (level.equals("WARN")) {
        out.warnings.merge(logger + " " + blank(m.group(4)), 1, Integer::sum);
      }
      if (trace || level.equals("ERROR")) {
        // What was logged, and for a trace what was thrown and where: enough to tell findings apart.
        String message = blank(m.group(4).trim());
        String sig = level + " " + logger + " " + (trace ? cut(message, 100) + " | " + exceptionOf(more) + " | "
            + firstOwnFrame(more) : message);
        List<String> text = new ArrayList<>();
        for (String l : lines.subList(i, Math.min(end, i + 25))) {
          text.add(l.length() > 300 ? l.substring(0, 300) + "… (" + l.length() + " chars)" : l);
        }
        out.events.merge(sig, new Event(sig, level, 1, m.group(1), String.join("\n", text)),
            (a, b) -> new Event(a.signature(), a.level(), a.count() + 1, a.firstAt(), a.firstText()));
      }
      i = end - 1;
    }
    out.stray.removeIf(String::isBlank);
    return out;
  }

  /** The index of the next log line or uncaught-exception report at or after {@code from}. */
  private static int next(List<String> lines, int from) {
    int end = from;
    while (end < lines.size() && !LINE.matcher(lines.get(end)).matches() && !UNCAUGHT.matcher(lines.get(end)).matches()) {
      end++;
    }
    return end;
  }

  /** The time of the last log line before {@code index} (the JVM's own reports carry none). */
  private static String lastTime(List<String> lines, int index) {
    for (int i = index - 1; i >= 0; i--) {
      Matcher m = LINE.matcher(lines.get(i));
      if (m.matches()) {
        return m.group(1);
      }
    }
    return "00:00:00.000";
  }

  /** The innermost exception's first line, blanked: what was thrown, not where it was logged. */
  private static String exceptionOf(List<String> more) {
    String found = "";
    for (String l : more) {
      if (EXCEPTION.matcher(l).matches()) {
        found = l.replaceFirst("^Caused by: ", "");
      }
    }
    return blank(found);
  }

  /** Where it happened: the first Atalaya frame, else the first frame outside the JDK. */
  private static String firstOwnFrame(List<String> trace) {
    List<String> frames = trace.stream().map(String::trim).filter(t -> t.startsWith("at ")).toList();
    return frames.stream().filter(t -> t.startsWith("at org.atalaya.")).findFirst()
        .or(() -> frames.stream().filter(t -> !t.matches("at (java\\.base/|java\\.|jdk\\.|sun\\.).*")).findFirst())
        .or(() -> frames.stream().findFirst()).orElse("");
  }

  /** A message with its numbers, hex ids and quoted values blanked, cut to 140 characters. */
  static String blank(String message) {
    return cut(message.replaceAll("[0-9a-fA-F]{8,}", "#").replaceAll("\\d+", "#").replaceAll("\"[^\"]*\"", "\"…\""), 140);
  }

  private static String cut(String s, int max) {
    return s.length() > max ? s.substring(0, max) + "…" : s;
  }
}

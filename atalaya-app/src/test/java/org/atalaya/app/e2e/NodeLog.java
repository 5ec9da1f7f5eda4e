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
 * (numbers and ids blanked), and every stack trace by signature (level, logger, exception, first
 * Atalaya frame) with its first occurrence, so a thousand identical traces are one finding.
 */
final class NodeLog {
  private static final Pattern LINE = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) (TRACE|DEBUG|INFO|WARN|ERROR)\\s+(\\S+)\\s?(.*)$");

  /** One stack trace signature: how often, first when, and its first text. */
  record Trace(String signature, String level, int count, String firstAt, String firstText) {}

  final Map<String, Integer> byLevel = new TreeMap<>();
  final Map<String, Integer> warnings = new TreeMap<>();
  final Map<String, Trace> traces = new LinkedHashMap<>();
  final List<String> errors = new ArrayList<>();
  /** Lines that are neither a log line nor part of a trace (e.g. the JVM's own complaints). */
  final List<String> stray = new ArrayList<>();

  static NodeLog read(Path log) throws IOException {
    NodeLog out = new NodeLog();
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = LINE.matcher(lines.get(i));
      if (!m.matches()) {
        out.stray.add(lines.get(i));
        continue;
      }
      String level = m.group(2);
      out.byLevel.merge(level, 1, Integer::sum);
      int end = i + 1;
      while (end < lines.size() && !LINE.matcher(lines.get(end)).matches()) {
        end++;
      }
      List<String> trace = lines.subList(i + 1, end);
      if (level.equals("WARN")) {
        out.warnings.merge(m.group(3) + " " + blank(m.group(4)), 1, Integer::sum);
      }
      if (level.equals("ERROR")) {
        out.errors.add(String.join("\n", lines.subList(i, Math.min(end, i + 12))));
      }
      if (!trace.isEmpty()) {
        String sig = level + " " + m.group(3) + " " + blank(trace.get(0)) + " " + firstOwnFrame(trace);
        String text = String.join("\n", lines.subList(i, Math.min(end, i + 25)));
        out.traces.merge(sig, new Trace(sig, level, 1, m.group(1), text),
            (a, b) -> new Trace(a.signature(), a.level(), a.count() + 1, a.firstAt(), a.firstText()));
      }
      i = end - 1;
    }
    out.stray.removeIf(String::isBlank);
    return out;
  }

  private static String firstOwnFrame(List<String> trace) {
    for (String t : trace) {
      if (t.trim().startsWith("at org.atalaya.")) {
        return t.trim();
      }
    }
    return trace.stream().filter(t -> t.trim().startsWith("at ")).findFirst().map(String::trim).orElse("");
  }

  /** A message with its numbers, hex ids and quoted values blanked, cut to 140 characters. */
  static String blank(String message) {
    String s = message.replaceAll("[0-9a-fA-F]{8,}", "#").replaceAll("\\d+", "#").replaceAll("\"[^\"]*\"", "\"…\"");
    return s.length() > 140 ? s.substring(0, 140) + "…" : s;
  }

  int count(String level) {
    return byLevel.getOrDefault(level, 0);
  }
}

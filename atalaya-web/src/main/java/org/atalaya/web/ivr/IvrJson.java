package org.atalaya.web.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atalaya.core.ivr.BusinessHours;
import org.atalaya.core.ivr.IvrFlow;
import org.atalaya.core.ivr.IvrStep;
import org.atalaya.core.ivr.IvrStep.Destination;

/**
 * IVR flows and business hours as JSON, the form admins write them in (see
 * {@code /ivr/escalation.json}). Every error names the field it is about, e.g.
 * {@code steps.menu.timeoutSeconds}, and nothing is accepted half-read.
 */
public final class IvrJson {
  private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY, "wed",
      DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY, "sun",
      DayOfWeek.SUNDAY);

  private IvrJson() {}

  /** {@code {"id", "start", "steps": {"name": {"type": "play|menu|hours|queue|agent|voicemail|flow|hangup", ...}}}}. */
  public static IvrFlow flow(JsonNode doc) {
    String id = text(doc, "id", "id");
    String start = text(doc, "start", "start");
    JsonNode steps = doc.path("steps");
    if (!steps.isObject() || steps.isEmpty()) {
      throw new IllegalArgumentException("steps: an object of named steps is required");
    }
    Map<String, IvrStep> parsed = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = steps.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      parsed.put(e.getKey(), step(e.getValue(), "steps." + e.getKey()));
    }
    return new IvrFlow(id, start, parsed);
  }

  /**
   * The dialled numbers (DIDs) whose calls run this flow: {@code "numbers": ["+34910000000"]}.
   * Optional: a flow without numbers runs only when another flow hands a call to it.
   */
  public static List<String> numbers(JsonNode doc) {
    JsonNode n = doc.path("numbers");
    if (n.isMissingNode() || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new IllegalArgumentException("numbers: a list of dialled numbers, e.g. [\"+34910000000\"]");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode v : n) {
      String number = v.asText("").strip();
      if (!v.isTextual() || !number.matches("\\+?[0-9]{2,20}")) {
        throw new IllegalArgumentException("numbers: digits with an optional leading +, got '" + v.asText() + "'");
      }
      out.add(number);
    }
    return List.copyOf(out);
  }

  private static IvrStep step(JsonNode n, String at) {
    String type = text(n, "type", at + ".type");
    return switch (type) {
      case "play" -> new IvrStep.Play(text(n, "prompt", at + ".prompt"), text(n, "then", at + ".then"));
      case "menu" -> menu(n, at);
      case "hours" -> new IvrStep.Hours(text(n, "open", at + ".open"), text(n, "closed", at + ".closed"));
      case "queue" -> new IvrStep.Route(new Destination.Queue(text(n, "queue", at + ".queue")));
      case "agent" -> new IvrStep.Route(new Destination.Agent(text(n, "extension", at + ".extension")));
      case "voicemail" -> new IvrStep.Route(new Destination.Voicemail(text(n, "box", at + ".box")));
      case "flow" -> new IvrStep.Route(new Destination.Flow(text(n, "flow", at + ".flow")));
      case "hangup" -> new IvrStep.Route(new Destination.Hangup());
      default -> throw new IllegalArgumentException(at + ".type: play, menu, hours, queue, agent, voicemail, flow"
          + " or hangup, got '" + type + "'");
    };
  }

  private static IvrStep.Menu menu(JsonNode n, String at) {
    JsonNode choices = n.path("choices");
    if (!choices.isObject() || choices.isEmpty()) {
      throw new IllegalArgumentException(at + ".choices: an object of key to step, e.g. {\"1\": \"sales\"}");
    }
    Map<Character, String> keys = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = choices.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().length() != 1 || "0123456789*#".indexOf(e.getKey().charAt(0)) < 0) {
        throw new IllegalArgumentException(at + ".choices: keys are 0-9, * and #, got '" + e.getKey() + "'");
      }
      keys.put(e.getKey().charAt(0), text(choices, e.getKey(), at + ".choices." + e.getKey()));
    }
    int timeout = integer(n, "timeoutSeconds", 5, 1, 60, at);
    int retries = integer(n, "retries", 2, 0, 9, at);
    String invalid = n.hasNonNull("invalidPrompt") ? text(n, "invalidPrompt", at + ".invalidPrompt") : null;
    return new IvrStep.Menu(text(n, "prompt", at + ".prompt"), keys, Duration.ofSeconds(timeout), retries, invalid,
        text(n, "onFailure", at + ".onFailure"));
  }

  /** {@code {"zone": "Europe/Madrid", "week": {"mon": ["09:00-14:00", "15:00-19:00"], ...}, "holidays": ["2026-12-25"]}}. */
  public static BusinessHours hours(JsonNode doc) {
    ZoneId zone;
    try {
      zone = ZoneId.of(text(doc, "zone", "zone"));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("zone: a time zone such as Europe/Madrid, got '" + doc.path("zone").asText() + "'");
    }
    Map<DayOfWeek, List<BusinessHours.Range>> week = new EnumMap<>(DayOfWeek.class);
    JsonNode days = doc.path("week");
    for (Iterator<Map.Entry<String, JsonNode>> it = days.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      DayOfWeek day = DAYS.get(e.getKey());
      if (day == null || !e.getValue().isArray()) {
        throw new IllegalArgumentException("week." + e.getKey() + ": days are mon..sun, each a list of \"09:00-14:00\"");
      }
      List<BusinessHours.Range> ranges = new ArrayList<>();
      for (JsonNode r : e.getValue()) {
        try {
          ranges.add(BusinessHours.Range.parse(r.asText()));
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException("week." + e.getKey() + ": " + ex.getMessage());
        }
      }
      week.put(day, ranges);
    }
    Set<LocalDate> holidays = new HashSet<>();
    for (JsonNode h : doc.path("holidays")) {
      try {
        holidays.add(LocalDate.parse(h.asText()));
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("holidays: dates such as 2026-12-25, got '" + h.asText() + "'");
      }
    }
    return new BusinessHours(zone, week, holidays);
  }

  static String text(JsonNode n, String field, String at) {
    JsonNode v = n.path(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(at + ": a non-empty text is required");
    }
    return v.asText().strip();
  }

  static int integer(JsonNode n, String field, int otherwise, int min, int max, String at) {
    JsonNode v = n.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return otherwise;
    }
    if (!v.isInt() || v.asInt() < min || v.asInt() > max) {
      throw new IllegalArgumentException(at + "." + field + ": a whole number from " + min + " to " + max);
    }
    return v.asInt();
  }
}

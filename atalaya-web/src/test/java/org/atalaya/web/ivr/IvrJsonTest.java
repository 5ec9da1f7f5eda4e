package org.atalaya.web.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.atalaya.core.ivr.BusinessHours;
import org.atalaya.core.ivr.IvrFlow;
import org.atalaya.core.ivr.IvrSession;
import org.atalaya.core.ivr.IvrSession.Action;
import org.atalaya.core.ivr.IvrStep.Destination;
import org.junit.jupiter.api.Test;

/** The shipped escalation flow reads and runs; bad documents are refused naming the field. */
class IvrJsonTest {
  final ObjectMapper mapper = new ObjectMapper();

  static final String HOURS = """
      {"zone": "Europe/Madrid", "week": {"mon": ["09:00-14:00", "15:00-19:00"], "tue": ["09:00-19:00"]},
       "holidays": ["2026-12-25"]}""";

  @Test
  void theShippedEscalationFlowRoutesEachKindOfCall() throws Exception {
    IvrFlow flow;
    try (InputStream in = IvrJson.class.getResourceAsStream("/ivr/escalation.json")) {
      flow = IvrJson.flow(mapper.readTree(in));
    }
    BusinessHours hours = IvrJson.hours(mapper.readTree(HOURS));
    Instant mondayMorning = Instant.parse("2026-11-23T09:30:00Z"); // 10:30 in Madrid
    String[][] cases = {{"1", "general-answers"}, {"2", "technical"}, {"3", "finance"}, {"9", "supervisors"}};
    for (String[] c : cases) {
      IvrSession s = new IvrSession(flow, hours, Clock.fixed(mondayMorning, ZoneOffset.UTC));
      assertThat(s.start()).isEqualTo(new Action.Play("welcome"));
      assertThat(s.promptEnded()).isEqualTo(new Action.Play("escalation-menu"));
      Action a = s.key(c[0].charAt(0));
      assertThat(a).as(c[0]).isIn(new Action.Play(c[1]), new Action.Done(new Destination.Queue(c[1])));
    }
    IvrSession christmas = new IvrSession(flow, hours, Clock.fixed(Instant.parse("2026-12-25T10:00:00Z"),
        ZoneOffset.UTC));
    assertThat(christmas.start()).isEqualTo(new Action.Play("closed"));
    assertThat(christmas.promptEnded()).isEqualTo(new Action.Done(new Destination.Voicemail("general")));
    assertThat(hours.isOpen(Instant.parse("2026-11-24T17:30:00Z"))).as("Tuesday 18:30 in Madrid").isTrue();
  }

  @Test
  void badFlowsNameTheField() throws Exception {
    String[][] bad = {
        {"{\"start\": \"a\", \"steps\": {\"a\": {\"type\": \"hangup\"}}}", "id:"},
        {"{\"id\": \"f\", \"start\": \"a\", \"steps\": {}}", "steps:"},
        {"{\"id\": \"f\", \"start\": \"a\", \"steps\": {\"a\": {\"type\": \"dance\"}}}", "steps.a.type"},
        {"{\"id\": \"f\", \"start\": \"a\", \"steps\": {\"a\": {\"type\": \"play\", \"prompt\": \"p\"}}}", "steps.a.then"},
        {"{\"id\": \"f\", \"start\": \"m\", \"steps\": {\"m\": {\"type\": \"menu\", \"prompt\": \"p\", \"choices\":"
            + " {\"1\": \"m\"}, \"onFailure\": \"m\", \"timeoutSeconds\": 0}}}", "steps.m.timeoutSeconds"},
        {"{\"id\": \"f\", \"start\": \"m\", \"steps\": {\"m\": {\"type\": \"menu\", \"prompt\": \"p\", \"choices\":"
            + " {\"12\": \"m\"}, \"onFailure\": \"m\"}}}", "steps.m.choices"},
        {"{\"id\": \"f\", \"start\": \"a\", \"steps\": {\"a\": {\"type\": \"play\", \"prompt\": \"p\", \"then\": \"b\"}}}",
            "goes to 'b'"}};
    for (String[] b : bad) {
      JsonNode doc = mapper.readTree(b[0]);
      assertThatThrownBy(() -> IvrJson.flow(doc)).as(b[0]).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(b[1]);
    }
  }

  @Test
  void badHoursNameTheField() throws Exception {
    String[][] bad = {{"{\"zone\": \"Mars/Olympus\"}", "zone"}, {"{\"zone\": \"UTC\", \"week\": {\"lun\": []}}", "week.lun"},
        {"{\"zone\": \"UTC\", \"week\": {\"mon\": [\"19:00-09:00\"]}}", "week.mon"},
        {"{\"zone\": \"UTC\", \"holidays\": [\"25/12/2026\"]}", "holidays"}};
    for (String[] b : bad) {
      JsonNode doc = mapper.readTree(b[0]);
      assertThatThrownBy(() -> IvrJson.hours(doc)).as(b[0]).hasMessageContaining(b[1]);
    }
  }
}

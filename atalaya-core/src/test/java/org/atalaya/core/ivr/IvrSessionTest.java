package org.atalaya.core.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atalaya.core.ivr.IvrSession.Action;
import org.atalaya.core.ivr.IvrStep.Destination;
import org.atalaya.core.ivr.IvrStep.Hours;
import org.atalaya.core.ivr.IvrStep.Menu;
import org.atalaya.core.ivr.IvrStep.Play;
import org.atalaya.core.ivr.IvrStep.Route;
import org.junit.jupiter.api.Test;

/**
 * The escalation tree of issue 5 as a flow: business hours, then general questions (answered by a
 * prompt), technical and billing queues, and critical cases straight to a supervisor.
 */
class IvrSessionTest {
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  static final BusinessHours HOURS = new BusinessHours(MADRID,
      Map.of(DayOfWeek.MONDAY, List.of(BusinessHours.Range.parse("09:00-14:00"), BusinessHours.Range.parse("15:00-19:00"))),
      Set.of(LocalDate.parse("2026-12-07")));

  static final IvrFlow ESCALATION = new IvrFlow("escalation", "hours", Map.of(
      "hours", new Hours("welcome", "closed"),
      "closed", new Play("closed", "voicemail"),
      "voicemail", new Route(new Destination.Voicemail("general")),
      "welcome", new Play("welcome", "menu"),
      "menu", new Menu("menu", Map.of('1', "general", '2', "technical", '3', "billing", '9', "critical"),
          Duration.ofSeconds(5), 2, "invalid", "technical"),
      "general", new Play("faq", "goodbye"),
      "goodbye", new Route(new Destination.Hangup()),
      "technical", new Route(new Destination.Queue("technical")),
      "billing", new Route(new Destination.Queue("finance")),
      "critical", new Route(new Destination.Agent("supervisor"))));

  /** A Monday (2026-11-23) at this Madrid time. */
  static IvrSession at(String madridTime) {
    Instant t = java.time.LocalDateTime.parse("2026-11-23T" + madridTime).atZone(MADRID).toInstant();
    return new IvrSession(ESCALATION, HOURS, Clock.fixed(t, ZoneOffset.UTC));
  }

  @Test
  void openCallersHearTheMenuAndAKeyDuringThePromptChoosesAtOnce() {
    IvrSession s = at("10:30");
    assertThat(s.start()).isEqualTo(new Action.Play("welcome"));
    assertThat(s.promptEnded()).isEqualTo(new Action.Play("menu"));
    assertThat(s.key('3')).isEqualTo(new Action.Done(new Destination.Queue("finance")));
    assertThat(s.path()).containsExactly("hours", "welcome", "menu", "billing");
  }

  @Test
  void criticalCasesGoStraightToASupervisorAndGeneralOnesAreAnswered() {
    IvrSession critical = at("18:59");
    critical.start();
    critical.promptEnded();
    critical.promptEnded();
    assertThat(critical.key('9')).isEqualTo(new Action.Done(new Destination.Agent("supervisor")));
    IvrSession general = at("09:00");
    general.start();
    general.promptEnded();
    assertThat(general.key('1')).isEqualTo(new Action.Play("faq"));
    assertThat(general.promptEnded()).isEqualTo(new Action.Done(new Destination.Hangup()));
  }

  @Test
  void closedAtLunchAtNightAndOnHolidays() {
    for (String time : List.of("14:00", "08:59", "19:00")) {
      IvrSession s = at(time);
      assertThat(s.start()).as(time).isEqualTo(new Action.Play("closed"));
      assertThat(s.promptEnded()).isEqualTo(new Action.Done(new Destination.Voicemail("general")));
    }
    Instant holiday = java.time.LocalDateTime.parse("2026-12-07T10:00").atZone(MADRID).toInstant(); // a Monday
    assertThat(new IvrSession(ESCALATION, HOURS, Clock.fixed(holiday, ZoneOffset.UTC)).start())
        .isEqualTo(new Action.Play("closed"));
    Instant tuesday = java.time.LocalDateTime.parse("2026-11-24T10:00").atZone(MADRID).toInstant();
    assertThat(HOURS.isOpen(tuesday)).as("no ranges on Tuesday in this calendar").isFalse();
  }

  @Test
  void wrongKeysAndSilenceAreRetriedThenTheFailureStepTakesOver() {
    IvrSession s = at("11:00");
    s.start();
    s.promptEnded();
    assertThat(s.promptEnded()).isEqualTo(new Action.Listen(Duration.ofSeconds(5)));
    assertThat(s.key('7')).as("not a choice").isEqualTo(new Action.Play("invalid"));
    assertThat(s.promptEnded()).as("the menu again").isEqualTo(new Action.Play("menu"));
    assertThat(s.promptEnded()).isEqualTo(new Action.Listen(Duration.ofSeconds(5)));
    assertThat(s.timedOut()).as("second failure, last retry").isEqualTo(new Action.Play("invalid"));
    s.promptEnded();
    s.promptEnded();
    assertThat(s.timedOut()).as("third failure: retries (2) used up")
        .isEqualTo(new Action.Done(new Destination.Queue("technical")));
    assertThat(s.timedOut()).as("a late timer after the end").isNull();
    assertThat(s.key('1')).isNull();
  }

  @Test
  void aTimerThatFiresAfterAKeyIsIgnored() {
    IvrSession s = at("11:00");
    s.start();
    s.promptEnded();
    s.promptEnded();
    assertThat(s.key('2')).isEqualTo(new Action.Done(new Destination.Queue("technical")));
    assertThat(s.timedOut()).isNull();
  }

  @Test
  void brokenFlowsAreRefusedWhenBuilt() {
    assertThatThrownBy(() -> new IvrFlow("f", "nowhere", Map.of("a", new Route(new Destination.Hangup()))))
        .hasMessageContaining("start step 'nowhere'");
    assertThatThrownBy(() -> new IvrFlow("f", "a", Map.of("a", new Play("p", "b"))))
        .hasMessageContaining("goes to 'b'");
    assertThatThrownBy(() -> new IvrFlow("f", "a", Map.of("a", new Play("p", "b"), "b", new Hours("a", "c"),
        "c", new Route(new Destination.Hangup())))).hasMessageContaining("without a menu");
    // Through a menu, coming back is the caller's choice: allowed.
    new IvrFlow("f", "m", Map.of("m", new Menu("p", Map.of('1', "again"), Duration.ofSeconds(3), 0, null, "end"),
        "again", new Play("p2", "m"), "end", new Route(new Destination.Hangup())));
    assertThatThrownBy(() -> new Menu("p", Map.of('a', "x"), Duration.ofSeconds(3), 0, null, "x"))
        .hasMessageContaining("0-9");
    assertThatThrownBy(() -> BusinessHours.Range.parse("14:00-09:00")).hasMessageContaining("open before");
    assertThatThrownBy(() -> BusinessHours.Range.parse("nine to five")).hasMessageContaining("09:00-14:00");
  }
}

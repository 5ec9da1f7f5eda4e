package org.atalaya.core.ivr;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.atalaya.core.ivr.IvrStep.Destination;

/**
 * One caller's way through an {@link IvrFlow}. The call drives it with what happens on the line
 * (a prompt ended, a key, the menu's time ran out) and does what it answers: play a prompt,
 * listen for a key, or hand the call over. No SIP or media here, so every path is testable with
 * an injected clock.
 *
 * <p>Threading: confined to the call's mailbox.
 */
public final class IvrSession {
  /** What the call must do next. */
  public sealed interface Action {
    /** Play this prompt and report when it ends; keys pressed meanwhile count for a menu. */
    record Play(String prompt) implements Action {}

    /** Wait this long for a key, then report the timeout. */
    record Listen(Duration timeout) implements Action {}

    /** The flow is over: hand the call to this destination. */
    record Done(Destination destination) implements Action {}
  }

  private enum Phase { PROMPT, INVALID_PROMPT, LISTENING, DONE }

  private final IvrFlow flow;
  private final BusinessHours hours;
  private final Clock clock;
  private final List<String> path = new ArrayList<>();
  private String at;
  private Phase phase;
  private int failures;

  public IvrSession(IvrFlow flow, BusinessHours hours, Clock clock) {
    this.flow = Objects.requireNonNull(flow);
    this.hours = Objects.requireNonNull(hours);
    this.clock = Objects.requireNonNull(clock);
  }

  public Action start() {
    return enter(flow.start());
  }

  /** The prompt asked for ended. */
  public Action promptEnded() {
    IvrStep step = flow.step(at);
    return switch (phase) {
      case PROMPT -> step instanceof IvrStep.Play play ? enter(play.then()) : listen((IvrStep.Menu) step);
      case INVALID_PROMPT -> replay((IvrStep.Menu) step);
      case LISTENING, DONE -> throw new IllegalStateException("no prompt is playing");
    };
  }

  /** The caller pressed a key; null when it means nothing now (outside a menu). */
  public Action key(char key) {
    if (phase == Phase.DONE || !(flow.step(at) instanceof IvrStep.Menu menu)) {
      return null;
    }
    String next = menu.choices().get(key);
    return next != null ? enter(next) : failed(menu);
  }

  /** The time to press a key ran out. */
  public Action timedOut() {
    if (phase != Phase.LISTENING) {
      return null; // a key or the end of the call got there first
    }
    return failed((IvrStep.Menu) flow.step(at));
  }

  /** The steps this caller went through, for the call record and for tests. */
  public List<String> path() {
    return List.copyOf(path);
  }

  private Action enter(String stepId) {
    String id = stepId;
    while (true) {
      at = id;
      path.add(id);
      switch (flow.step(id)) {
        case IvrStep.Play play -> {
          phase = Phase.PROMPT;
          return new Action.Play(play.prompt());
        }
        case IvrStep.Menu menu -> {
          phase = Phase.PROMPT;
          failures = 0;
          return new Action.Play(menu.prompt());
        }
        case IvrStep.Hours h -> id = hours.isOpen(clock.instant()) ? h.open() : h.closed();
        case IvrStep.Route route -> {
          phase = Phase.DONE;
          return new Action.Done(route.destination());
        }
      }
    }
  }

  private Action listen(IvrStep.Menu menu) {
    phase = Phase.LISTENING;
    return new Action.Listen(menu.timeout());
  }

  private Action failed(IvrStep.Menu menu) {
    failures++;
    if (failures > menu.retries()) {
      return enter(menu.onFailure());
    }
    if (menu.invalidPrompt() != null) {
      phase = Phase.INVALID_PROMPT;
      return new Action.Play(menu.invalidPrompt());
    }
    return replay(menu);
  }

  private Action replay(IvrStep.Menu menu) {
    phase = Phase.PROMPT;
    return new Action.Play(menu.prompt());
  }
}

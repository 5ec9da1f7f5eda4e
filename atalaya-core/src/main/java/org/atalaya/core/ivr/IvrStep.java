package org.atalaya.core.ivr;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One step of an IVR flow. Steps name the next step by id; {@link IvrFlow} checks every name. */
public sealed interface IvrStep {
  /** The step ids this step may go to. */
  List<String> next();

  /** Plays a prompt, then goes on. */
  record Play(String prompt, String then) implements IvrStep {
    @Override
    public List<String> next() {
      return List.of(then);
    }
  }

  /**
   * Plays a prompt and waits for one key. A key not in {@code choices}, or no key within
   * {@code timeout} after the prompt, replays it (after {@code invalidPrompt}, if any) up to
   * {@code retries} more times, then goes to {@code onFailure}. A key pressed during the prompt counts.
   */
  record Menu(String prompt, Map<Character, String> choices, Duration timeout, int retries, String invalidPrompt,
      String onFailure) implements IvrStep {
    public Menu {
      choices = Map.copyOf(choices);
      if (choices.isEmpty()) {
        throw new IllegalArgumentException("a menu needs at least one choice");
      }
      for (char key : choices.keySet()) {
        if ("0123456789*#".indexOf(key) < 0) {
          throw new IllegalArgumentException("menu keys are 0-9, * and #, got '" + key + "'");
        }
      }
      if (timeout.isNegative() || timeout.isZero() || retries < 0) {
        throw new IllegalArgumentException("a menu needs a positive timeout and retries >= 0");
      }
    }

    @Override
    public List<String> next() {
      var all = new java.util.ArrayList<>(choices.values());
      all.add(onFailure);
      return all;
    }
  }

  /** Goes one way when the tenant's center is open, the other when it is closed. */
  record Hours(String open, String closed) implements IvrStep {
    @Override
    public List<String> next() {
      return List.of(open, closed);
    }
  }

  /** Ends the flow: the call goes to a queue, an agent, a voicemail box, another flow, or is hung up. */
  record Route(Destination destination) implements IvrStep {
    @Override
    public List<String> next() {
      return List.of();
    }
  }

  /** Where a flow hands the call over. */
  sealed interface Destination {
    record Queue(String name) implements Destination {}

    record Agent(String extension) implements Destination {}

    record Voicemail(String box) implements Destination {}

    record Flow(String id) implements Destination {}

    record Hangup() implements Destination {}
  }
}

package org.atalaya.core.ivr;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An IVR flow: its steps by id and the step it starts at. Checked when built: every step a step
 * names exists, and no loop runs without the caller's input (a circle of Play and Hours steps
 * would play to the caller forever).
 */
public record IvrFlow(String id, String start, Map<String, IvrStep> steps) {
  public IvrFlow {
    Objects.requireNonNull(id, "id");
    steps = Map.copyOf(steps);
    if (!steps.containsKey(start)) {
      throw new IllegalArgumentException("flow " + id + ": the start step '" + start + "' does not exist");
    }
    for (var e : steps.entrySet()) {
      for (String next : e.getValue().next()) {
        if (next == null || !steps.containsKey(next)) {
          throw new IllegalArgumentException("flow " + id + ": step '" + e.getKey() + "' goes to '" + next
              + "', which does not exist");
        }
      }
    }
    for (String step : steps.keySet()) {
      checkNoLoopWithoutInput(id, steps, step, step, new HashSet<>());
    }
  }

  private static void checkNoLoopWithoutInput(String flow, Map<String, IvrStep> steps, String origin, String at,
      Set<String> seen) {
    IvrStep step = steps.get(at);
    if (step instanceof IvrStep.Menu || step instanceof IvrStep.Route || !seen.add(at)) {
      return;
    }
    for (String next : step.next()) {
      if (next.equals(origin)) {
        throw new IllegalArgumentException("flow " + flow + ": step '" + origin
            + "' comes back to itself without a menu in between");
      }
      checkNoLoopWithoutInput(flow, steps, origin, next, seen);
    }
  }

  public IvrStep step(String stepId) {
    return steps.get(stepId);
  }
}

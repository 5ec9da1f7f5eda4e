package org.atalaya.core.calls;

import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.atalaya.core.ivr.IvrFlow;
import org.atalaya.core.ivr.IvrSession;
import org.atalaya.core.ivr.IvrSession.Action;
import org.atalaya.core.ivr.IvrStep.Destination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the caller through an IVR flow: plays its prompts, takes keys (a key pressed during a menu
 * prompt stops it), times the menus, and follows a flow's hand-over to another flow. When the
 * flow is over it hands the destination to the call.
 *
 * <p>Threading: confined to the call's mailbox. Prompt ends, keys and timers come from the media
 * loop and the timer thread and are posted; each play or wait gets a generation number so that
 * the end of a prompt stopped by a key, or a timer that lost the race, is ignored.
 */
final class CallerIvr {
  private static final Logger LOG = LoggerFactory.getLogger(CallerIvr.class);
  /** Flows handing over to flows: more than this is a misconfiguration, not a caller's path. */
  private static final int MAX_FLOWS = 5;

  /** What the IVR needs from its call. */
  interface Host {
    void post(Runnable task);

    /** Runs {@code task} in the mailbox after {@code millis}. */
    ScheduledFuture<?> schedule(long millis, Runnable task);

    short[] prompt(String name);

    /** Another flow of the call's tenant, for a flow that hands the call over. */
    java.util.Optional<IvrFlow> flow(String id);

    IvrSession session(IvrFlow flow);
  }

  private final String callId;
  private final CallerSide caller;
  private final Host host;
  private final Consumer<Destination> onDone;
  private final java.util.List<String> path = new java.util.ArrayList<>();
  private IvrSession session;
  private int generation;
  private boolean playing;
  private boolean done;
  private int flows;
  private ScheduledFuture<?> timer;

  CallerIvr(String callId, CallerSide caller, Host host, Consumer<Destination> onDone) {
    this.callId = callId;
    this.caller = caller;
    this.host = host;
    this.onDone = onDone;
  }

  void start(IvrFlow flow) {
    caller.onKeys(key -> host.post(() -> key(key)));
    enter(flow);
  }

  /** The call is ending or moving on: nothing of the IVR may act any more. */
  void stop() {
    done = true;
    generation++;
    if (timer != null) {
      timer.cancel(false);
    }
    caller.onKeys(null);
  }

  /** The steps the caller went through, across flows ("flow:step"). */
  java.util.List<String> path() {
    java.util.List<String> out = new java.util.ArrayList<>(path);
    if (session != null) {
      out.addAll(session.path());
    }
    return out;
  }

  private void enter(IvrFlow flow) {
    if (session != null) {
      path.addAll(session.path());
    }
    flows++;
    LOG.info("call {}: IVR flow {}", callId, flow.id());
    session = host.session(flow);
    act(session.start());
  }

  private void key(char key) {
    if (done) {
      return;
    }
    Action next = session.key(key);
    if (next == null) {
      return; // not in a menu: the key means nothing now
    }
    LOG.info("call {}: IVR key {}", callId, key);
    if (playing) {
      playing = false;
      generation++; // the stopped prompt's end is not the menu's
      caller.stopPrompt();
    }
    act(next);
  }

  private void act(Action action) {
    if (action == null || done) {
      return;
    }
    int g = ++generation;
    if (timer != null) {
      timer.cancel(false);
    }
    switch (action) {
      case Action.Play play -> {
        playing = true;
        caller.announce(host.prompt(play.prompt()), () -> host.post(() -> {
          if (g == generation && !done) {
            playing = false;
            act(session.promptEnded());
          }
        }));
      }
      case Action.Listen listen -> timer = host.schedule(listen.timeout().toMillis(), () -> {
        if (g == generation && !done) {
          act(session.timedOut());
        }
      });
      case Action.Done end -> finish(end.destination());
    }
  }

  private void finish(Destination destination) {
    if (destination instanceof Destination.Flow next) {
      java.util.Optional<IvrFlow> flow = flows < MAX_FLOWS ? host.flow(next.id()) : java.util.Optional.empty();
      if (flow.isPresent()) {
        enter(flow.get());
        return;
      }
      // A deleted flow, or flows handing over in a circle: a person, not a dead end.
      LOG.warn("call {}: IVR flow {} unavailable after {} flows: to the default queue", callId, next.id(), flows);
      destination = null;
    }
    stop();
    onDone.accept(destination);
  }
}

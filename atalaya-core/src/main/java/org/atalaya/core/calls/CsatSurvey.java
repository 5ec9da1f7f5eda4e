package org.atalaya.core.calls;

import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post-call satisfaction question: once the agent has hung up, the caller (still on the line)
 * hears {@code csat-question} and rates the call with a key from 1 to 5, hears {@code csat-thanks},
 * and the call ends. Any other key is ignored; no key within {@link #ANSWER_MS} after the question
 * ends the call without a rating. Keys may be RFC 4733 events or tones in the audio.
 *
 * <p>Threading: confined to the call's mailbox.
 */
final class CsatSurvey {
  private static final Logger LOG = LoggerFactory.getLogger(CsatSurvey.class);
  /** How long the caller has to answer once the question has been asked. */
  static final long ANSWER_MS = 8_000;

  private final CustomerCall call;
  private final CallContext ctx;
  private Integer score;
  private boolean over;
  private ScheduledFuture<?> timeout;

  CsatSurvey(CustomerCall call, CallContext ctx) {
    this.call = call;
    this.ctx = ctx;
  }

  /** The rating given, or null. */
  Integer score() {
    return score;
  }

  /**
   * The agent hung up: it is free (wrap-up), the recording ends with the conversation, and the
   * caller alone hears the question.
   */
  void start(AgentAttempt agent) {
    call.phase = CustomerCall.Phase.SURVEY;
    call.segments.end(ctx.clock().instant(), "end");
    call.attempt = null;
    call.bridge.switchAgent(null);
    agent.release(true);
    ctx.acd().release(agent.extension(), true);
    call.closeRecording();
    call.publish(ActiveCall.State.ANNOUNCING, null);
    call.caller.onKeys(key -> call.mailbox.post(() -> pressed(key)));
    call.caller.announce(prompt("csat-question"), () -> call.mailbox.post(() -> {
      if (!over && score == null) {
        timeout = call.schedule(ANSWER_MS, () -> finish("no answer"));
      }
    }));
  }

  private void pressed(char key) {
    if (over || score != null || key < '1' || key > '5') {
      return;
    }
    score = key - '0';
    CustomerCall.cancel(timeout);
    call.caller.onKeys(null);
    LOG.info("call {}: the caller rated it {}", call.id, score);
    call.caller.announce(prompt("csat-thanks"), () -> call.mailbox.post(() -> finish("rated")));
  }

  private void finish(String why) {
    if (over) {
      return;
    }
    over = true;
    CustomerCall.cancel(timeout);
    LOG.info("call {}: survey over ({})", call.id, why);
    call.end(Disposition.ANSWERED, "agent");
  }

  /** The caller hung up or the call is shutting down: no more timers. */
  void stop() {
    over = true;
    CustomerCall.cancel(timeout);
  }

  private short[] prompt(String name) {
    return ctx.prompts().get(ctx.settings().tenantId(), ctx.settings().promptLanguage(), name);
  }
}

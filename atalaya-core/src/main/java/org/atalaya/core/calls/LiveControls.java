package org.atalaya.core.calls;

import org.atalaya.core.calls.CustomerCall.Phase;
import org.atalaya.media.Bridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent and supervisors change on a connected call: the agent's phone keys (help,
 * on-demand recording, the sensitive segment), the same switches from the web, and a
 * supervisor's take-over.
 *
 * <p>Threading: confined to the call's mailbox.
 */
final class LiveControls {
  private static final Logger LOG = LoggerFactory.getLogger(LiveControls.class);

  private final CustomerCall call;
  private final CallContext ctx;

  LiveControls(CustomerCall call, CallContext ctx) {
    this.call = call;
    this.ctx = ctx;
  }

  /** *0 help, *1 and *2 record on demand, *7 the sensitive segment, from the agent's phone. */
  void listenToAgentKeys(AgentAttempt a) {
    String actor = "sip:" + a.extension();
    // The observer only hands the request off, so calling it from the media loop is fine.
    a.endpoint.onDtmf(new HelpKeys(ctx.clock(), java.util.Map.of(
        '0', () -> ctx.observer().helpRequested(call.snapshot()),
        '1', () -> call.mailbox.post(() -> onDemand(true, actor)),
        '2', () -> call.mailbox.post(() -> onDemand(false, actor)),
        '7', () -> call.mailbox.post(() -> sensitive(!call.sensitive.isOn(), actor)))));
  }

  /** On-demand recording start or stop; the new snapshot, null once ended. */
  ActiveCall onDemand(boolean on, String actor) {
    if (call.phase != Phase.CONNECTED || call.bridge == null) {
      throw new IllegalStateException("the call is not connected");
    }
    ActiveCall now = call.snapshot();
    if (call.plan.onDemand(on, ctx, call.id, call.bridge, call.callFacts(now.agentExtension()))) {
      LOG.info("call {}: recording {} by {}", call.id, on ? "started" : "stopped", actor);
      call.publish(now.state(), now.agentExtension());
      ctx.observer().recordingChanged(call.snapshot(), on, actor);
    }
    return call.snapshot();
  }

  /** The bridge while customer and agent (or a supervisor) are connected; else null. */
  Bridge connectedBridge() {
    return call.phase == Phase.CONNECTED ? call.bridge : null;
  }

  /** Switches the sensitive segment (card data); returns the new snapshot, null once ended. */
  ActiveCall sensitive(boolean on, String actor) {
    if (call.phase == Phase.ENDED) {
      return null;
    }
    if (call.sensitive.turn(on, call.bridge, call.plan == null ? null : call.plan.recording())) {
      LOG.info("call {}: sensitive segment {} by {}", call.id, on ? "on" : "off", actor);
      ActiveCall now = call.snapshot();
      call.publish(now.state(), now.agentExtension());
      ctx.observer().sensitiveChanged(call.snapshot(), on, actor);
    }
    return call.snapshot();
  }

  /** Take-over: the agent's leg goes; the customer's leg, bridge and recording stay. */
  void releaseAgentForTakeOver(String supervisor) {
    call.takenOverBy = supervisor;
    AgentAttempt a = call.attempt;
    if (a != null) {
      call.attempt = null;
      a.release(false);
      ctx.acd().release(a.extension(), true);
      call.segments.end(ctx.clock().instant(), "take-over");
      LOG.info("call {}: taken over by {}, agent {} released", call.id, supervisor, a.extension());
    }
  }
}

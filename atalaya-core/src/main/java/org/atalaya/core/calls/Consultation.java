package org.atalaya.core.calls;

import java.util.concurrent.ScheduledFuture;
import org.atalaya.core.sdp.AnsweredLeg;
import org.atalaya.media.Bridge;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.sip.InboundCall;

/**
 * An attended transfer in progress: the first agent talks to the target agent while the caller
 * waits with music. Confined to the call's mailbox.
 */
final class Consultation {
  /** The agent who is transferring (still the call's agent until the transfer completes). */
  final AgentAttempt from;
  final String targetExtension;
  /** Offers the target agent to this consultation through the ACD, so it is reserved like any call. */
  QueueEntry entry;
  /** The target's leg, from the ACD's offer on; answered once {@link #bridge} is set. */
  AgentAttempt target;
  /** The two agents' own bridge, not recorded: the customer's recording holds silence meanwhile. */
  Bridge bridge;
  ScheduledFuture<?> ringTimer;
  /**
   * When the agent consults from its phone: the phone's second call, to the target's extension,
   * which is the agent's side of the consultation (its first call, with the caller, is on hold).
   * Null when the consultation was started from the web.
   */
  InboundCall phoneLeg;
  AnsweredLeg phoneMedia;

  Consultation(AgentAttempt from, String targetExtension) {
    this.from = from;
    this.targetExtension = targetExtension;
  }

  boolean answered() {
    return bridge != null;
  }

  /** The agent's side of the consultation: its phone's second call, or its call with the caller. */
  RtpEndpoint agentSide() {
    return phoneMedia != null ? phoneMedia.endpoint() : from.endpoint;
  }

  /** Ends the phone's second call, if there is one. */
  void closePhoneSide() {
    if (phoneLeg != null) {
      phoneLeg.hangup();
      phoneMedia.endpoint().close();
      phoneLeg = null;
    }
  }
}

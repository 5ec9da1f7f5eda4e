package org.atalaya.core.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.atalaya.media.RtpEndpoint;
import org.atalaya.sip.HangupCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a call whose caller or agent has stopped sending RTP for the media timeout: a phone that
 * lost power or network, or a BYE lost for good, would otherwise leave the call up, the agent
 * busy and the recording open until someone notices (Asterisk's {@code rtptimeout}, FreeSWITCH's
 * {@code media_timeout}). The silent side is hung up with a BYE, in case it is alive behind a
 * broken media path, and the call goes on as if that side had hung up.
 *
 * <p>A side is only watched while it is expected to send: the caller once answered, the agent
 * while connected, neither while the call is on hold (a holding phone may send nothing) or
 * during a callback's dial-out. Confined to the call's mailbox.
 */
final class MediaWatch {
  private static final Logger LOG = LoggerFactory.getLogger(MediaWatch.class);

  private final CustomerCall call;
  private final Duration timeout;
  private final Clock clock;
  private final Silence caller = new Silence();
  private final Silence agent = new Silence();

  /** @param timeout how long a side may send nothing; zero: never hang up for it */
  MediaWatch(CustomerCall call, Duration timeout, Clock clock) {
    this.call = call;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** Runs on the call's mailbox every few seconds (see {@link CallControl}). */
  void check() {
    if (timeout.isZero() || call.phase == CustomerCall.Phase.ENDED) {
      return;
    }
    Instant now = clock.instant();
    boolean held = call.caller.holding() || (call.attempt != null && call.attempt.holding());
    // A callback's customer is on another leg, dialled out; its first leg only heard a confirmation.
    RtpEndpoint customer = held || call.queueing.isCallback() ? null : call.caller.sendingEndpoint();
    if (caller.stalled(customer, now)) {
      LOG.warn("call {}: no RTP from the caller for {} s; hanging up", call.id, timeout.toSeconds());
      call.caller.hangUp();
      call.customerHungUp(HangupCause.TIMEOUT);
      return;
    }
    AgentAttempt a = call.connected() && !held ? call.attempt : null;
    if (agent.stalled(a == null ? null : a.endpoint, now)) {
      LOG.warn("call {}: no RTP from agent {} for {} s; hanging up on the agent", call.id, a.extension(),
          timeout.toSeconds());
      a.leg.hangup();
      call.agentHungUp(a, HangupCause.TIMEOUT);
    }
  }

  /** One side: when its packet counter last moved, on the endpoint it last had. */
  private final class Silence {
    private RtpEndpoint endpoint;
    private long packets;
    private Instant since;

    /** Whether {@code watched} (null: not expected to send now) has received nothing for the timeout. */
    boolean stalled(RtpEndpoint watched, Instant now) {
      if (watched == null) {
        endpoint = null;
        return false;
      }
      long in = watched.counters().packetsIn();
      if (watched != endpoint || in != packets) {
        endpoint = watched;
        packets = in;
        since = now;
        return false;
      }
      return Duration.between(since, now).compareTo(timeout) >= 0;
    }
  }
}

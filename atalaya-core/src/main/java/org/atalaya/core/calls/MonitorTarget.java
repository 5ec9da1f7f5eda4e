package org.atalaya.core.calls;

import java.io.IOException;
import org.atalaya.media.Monitor;
import org.atalaya.media.MonitorMode;
import org.atalaya.media.PcmMonitor;
import org.atalaya.media.RtpEndpoint;

/**
 * A live call as monitoring sees it. Every method runs in the call's mailbox and fails with
 * {@link IllegalStateException} when the call is not (or no longer) connected.
 *
 * <p>Threading: any thread; methods wait briefly for the call's mailbox.
 */
public interface MonitorTarget {
  /** The call now. */
  ActiveCall snapshot();

  /** Attaches a browser party. */
  PcmMonitor attach(MonitorMode mode);

  /** Opens an RTP endpoint on the call's media loop, for a supervisor's phone. */
  RtpEndpoint openEndpoint() throws IOException;

  /** Attaches a supervisor's phone endpoint opened with {@link #openEndpoint}. */
  Monitor attach(RtpEndpoint endpoint, MonitorMode mode);

  /**
   * Releases the agent's leg (BYE) so the supervisor carries on with the customer; the call and
   * its recording continue. {@code supervisor} is written to the call record.
   */
  void takeOver(String supervisor);

  /** Plays a short notice to the agent only (nothing if there is no agent leg). */
  void notifyAgent(short[] pcm8k);

  /** Ends the call (the supervisor who took it over hung up). */
  void hangup(String by);
}

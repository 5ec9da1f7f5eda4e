package org.atalaya.core.calls;

import java.io.IOException;
import java.time.Duration;
import org.atalaya.media.Bridge;
import org.atalaya.media.Monitor;
import org.atalaya.media.MonitorMode;
import org.atalaya.media.PcmMonitor;
import org.atalaya.media.RtpEndpoint;

/** {@link MonitorTarget} over a {@link CustomerCall}: each request is a task in its mailbox. */
final class CallMonitorPort implements MonitorTarget {
  private static final Duration WAIT = Duration.ofSeconds(2);
  private final CustomerCall call;
  private final CallContext ctx;

  CallMonitorPort(CustomerCall call, CallContext ctx) {
    this.call = call;
    this.ctx = ctx;
  }

  @Override
  public ActiveCall snapshot() {
    return call.snapshot();
  }

  @Override
  public PcmMonitor attach(MonitorMode mode) {
    return call.mailbox.ask(() -> bridge().monitor(mode), WAIT);
  }

  @Override
  public RtpEndpoint openEndpoint() throws IOException {
    return ctx.media().open(call); // the call is the affinity of its legs' endpoints
  }

  @Override
  public Monitor attach(RtpEndpoint endpoint, MonitorMode mode) {
    return call.mailbox.ask(() -> bridge().monitor(endpoint, mode), WAIT);
  }

  @Override
  public void takeOver(String supervisor) {
    call.mailbox.ask(() -> {
      bridge();
      call.controls.releaseAgentForTakeOver(supervisor);
      return null;
    }, WAIT);
  }

  @Override
  public void notifyAgent(short[] pcm8k) {
    call.mailbox.post(() -> {
      Bridge b = call.controls.connectedBridge();
      if (b != null) {
        b.notifyAgent(pcm8k);
      }
    });
  }

  @Override
  public void hangup(String by) {
    call.mailbox.post(() -> call.endBy(by));
  }

  /** In the mailbox: the call's bridge, or why there is none. */
  private Bridge bridge() {
    Bridge b = call.controls.connectedBridge();
    if (b == null) {
      throw new IllegalStateException("the call is not connected");
    }
    return b;
  }
}

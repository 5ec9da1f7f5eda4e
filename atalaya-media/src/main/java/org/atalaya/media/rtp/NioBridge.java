package org.atalaya.media.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.atalaya.media.Bridge;
import org.atalaya.media.Monitor;
import org.atalaya.media.MonitorMode;
import org.atalaya.media.PcmMonitor;
import org.atalaya.media.RecordingSink;
import org.atalaya.media.RecordingTap;
import org.atalaya.media.RtpEndpoint;

/**
 * One call's media: links the customer (left) and agent (right) endpoints as each other's peer,
 * and once per tick applies the hearing matrix for any attached supervisors and feeds the
 * stereo recording.
 *
 * <p>A party that hears exactly the other leg is relayed packet by packet (no mixing, no added
 * delay); only a party that must hear more than that, or less, gets a mixed frame per tick
 * from the jitter buffers. So a call with nobody monitoring costs no mixing at all.
 *
 * <p>Threading: public methods post to the loop; {@link #onTick} runs on it.
 */
final class NioBridge implements Bridge {
  private final NioRtpEndpoint left;
  /** The agent side; null between agents of a transfer. Written on the loop. */
  private volatile NioRtpEndpoint right;
  private volatile StereoTap tap;
  private volatile boolean closed;
  private volatile boolean sensitive;

  // Loop-confined.
  private final List<MonitorParty> monitors = new ArrayList<>();
  private final Mixer mixer = new Mixer();
  private short[] agentNotice;
  private int agentNoticePos;

  NioBridge(NioRtpEndpoint left, NioRtpEndpoint right) {
    this.left = left;
    this.right = right;
    left.loop.execute(() -> {
      if (left.isClosed() || right.isClosed()) {
        return;
      }
      left.peer = right;
      right.peer = left;
      left.loop.bridges.add(this);
    });
  }

  @Override
  public RtpEndpoint left() {
    return left;
  }

  @Override
  public RtpEndpoint right() {
    return right;
  }

  @Override
  public void switchAgent(RtpEndpoint agent) {
    NioRtpEndpoint next = null;
    if (agent != null) {
      if (!(agent instanceof NioRtpEndpoint n) || n.loop != left.loop) {
        throw new IllegalArgumentException("the new agent's endpoint must be opened with the call's affinity");
      }
      if (n == left) {
        throw new IllegalArgumentException("the customer cannot be its own agent");
      }
      next = n;
    }
    NioRtpEndpoint incoming = next;
    left.loop.execute(() -> {
      NioRtpEndpoint old = right;
      if (old == incoming) {
        return;
      }
      if (old != null) {
        if (old.peer == left) {
          old.peer = null;
        }
        old.setMixed(false);
      }
      right = incoming;
      if (closed || left.isClosed()) {
        return;
      }
      left.peer = incoming != null && !incoming.isClosed() ? incoming : null;
      if (left.peer != null) {
        incoming.peer = left;
      }
    });
  }

  @Override
  public synchronized RecordingTap record(RecordingSink sink) {
    if (tap != null && !tap.isStopped()) {
      throw new IllegalStateException("this bridge is already recording");
    }
    StereoTap t = new StereoTap(sink, left.loop.recordings);
    tap = t;
    return t;
  }

  @Override
  public Monitor monitor(RtpEndpoint supervisor, MonitorMode mode) {
    Objects.requireNonNull(mode, "mode");
    if (!(supervisor instanceof NioRtpEndpoint s) || s.loop != left.loop) {
      throw new IllegalArgumentException("the supervisor's endpoint must be opened with the call's affinity");
    }
    if (s == left || s == right) {
      throw new IllegalArgumentException("a leg of the call cannot monitor it");
    }
    return attach(new RtpMonitor(this, s, mode));
  }

  @Override
  public PcmMonitor monitor(MonitorMode mode) {
    Objects.requireNonNull(mode, "mode");
    return attach(new QueueMonitor(this, mode));
  }

  private <M extends MonitorParty> M attach(M party) {
    if (closed) {
      party.close();
      return party;
    }
    left.loop.execute(() -> {
      if (closed || party.isClosed()) {
        party.close();
      } else {
        monitors.add(party);
      }
    });
    return party;
  }

  void detach(MonitorParty party) {
    left.loop.execute(() -> monitors.remove(party));
  }

  @Override
  public void notifyAgent(short[] pcm8k) {
    short[] copy = pcm8k.clone();
    left.loop.execute(() -> {
      agentNotice = copy;
      agentNoticePos = 0;
    });
  }

  @Override
  public void sensitive(boolean on) {
    sensitive = on;
  }

  @Override
  public boolean isSensitive() {
    return sensitive;
  }

  void onTick(long tick) {
    short[] customer = left.jitter.take(tick);
    NioRtpEndpoint r = right;
    short[] agent = r == null || r.isClosed() ? null : r.jitter.take(tick);
    StereoTap t = tap;
    boolean recording = t != null && !t.isStopped();
    boolean quiet = sensitive;
    short[] notice = nextNoticeFrame();
    if (monitors.isEmpty() && notice == null) {
      relayBoth();
      if (recording) {
        t.offer(quiet ? null : customer, quiet ? null : agent);
      }
      return;
    }
    short[] rightChannel = mixer.tick(this, tick, customer, agent, notice, monitors, quiet);
    if (recording) {
      t.offer(quiet ? null : customer, quiet ? null : rightChannel);
    }
  }

  /** Both legs back on the packet relay: nobody else is on the call. */
  private void relayBoth() {
    left.setMixed(false);
    NioRtpEndpoint r = right;
    if (r != null) {
      r.setMixed(false);
    }
  }

  NioRtpEndpoint customer() {
    return left;
  }

  NioRtpEndpoint agent() {
    return right;
  }

  private short[] nextNoticeFrame() {
    short[] n = agentNotice;
    if (n == null) {
      return null;
    }
    short[] frame = mixer.noticeFrame(n, agentNoticePos);
    agentNoticePos += 160;
    if (agentNoticePos >= n.length) {
      agentNotice = null;
    }
    return frame;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    StereoTap t = tap;
    if (t != null) {
      t.stop();
    }
    left.loop.execute(() -> {
      left.loop.bridges.remove(this);
      for (MonitorParty m : new ArrayList<>(monitors)) {
        m.close();
      }
      monitors.clear();
      relayBoth();
      NioRtpEndpoint r = right;
      if (r != null && left.peer == r) {
        left.peer = null;
      }
      if (r != null && r.peer == left) {
        r.peer = null;
      }
    });
  }
}

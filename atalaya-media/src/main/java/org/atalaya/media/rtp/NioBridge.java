package org.atalaya.media.rtp;

import org.atalaya.media.Bridge;
import org.atalaya.media.RecordingSink;
import org.atalaya.media.RecordingTap;
import org.atalaya.media.RtpEndpoint;

/**
 * Links two endpoints of one loop as each other's peer (relay without mixing) and, when
 * recording, assembles one stereo frame per tick from their jitter buffers.
 *
 * <p>Threading: public methods post to the loop; {@link #onTick} runs on it.
 */
final class NioBridge implements Bridge {
  private final NioRtpEndpoint left;
  private final NioRtpEndpoint right;
  private volatile StereoTap tap;
  private volatile boolean closed;

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
  public synchronized RecordingTap record(RecordingSink sink) {
    if (tap != null && !tap.isStopped()) {
      throw new IllegalStateException("this bridge is already recording");
    }
    StereoTap t = new StereoTap(sink);
    tap = t;
    return t;
  }

  void onTick(long tick) {
    StereoTap t = tap;
    if (t != null && !t.isStopped()) {
      t.offer(left.jitter.take(tick), right.jitter.take(tick));
    }
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
      if (left.peer == right) {
        left.peer = null;
      }
      if (right.peer == left) {
        right.peer = null;
      }
    });
  }
}
